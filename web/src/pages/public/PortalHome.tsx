import { Link } from 'wouter';

export function PortalHome() {
  return (
    <>
      <h1>双随机、一公开 公示平台</h1>
      <p>本县各部门的抽查计划、抽签承诺与结果、检查结果依法向社会公开，无需登录即可查阅和校验。</p>
      <ul className="cards">
        <li><Link href="/plans">抽查计划与抽签</Link>：已公布的联合抽查计划和部门抽查任务，可在浏览器中校验每一次抽签。</li>
        <li><Link href="/results">检查结果公示</Link>：按统一社会信用代码检索已公示的检查结果。</li>
        <li><Link href="/code">扫码核验</Link>：企业扫描检查人员出示的检查码，核实来人身份、任务和法律依据。</li>
      </ul>
    </>
  );
}
