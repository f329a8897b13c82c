/**
 * The common migrations as the first three departments ran them before they moved here, each in
 * its own `migrations/` folder under its own name: market supervision's, public security's, fire
 * and rescue's. A database that ran one of these old names has the common migration's tables
 * already: opening it marks the common migration as executed instead of running it
 * (shared/platform/orm.ts `adoptMigrations`). The old rows stay, so that an older build still
 * opens the database. A department added later has no old names: nothing to add here, ever.
 */
export const ADOPTED_MIGRATIONS: Readonly<Record<string, readonly string[]>> = {
  // inspector, inspector_conflict, target_tag (the old migration also made the department's supervised_target, which it keeps)
  Migration20261126154300: ['Migration20261126154344', 'Migration20261126154348', 'Migration20261126154352'],
  // inspection tasks and their append-only draw records
  Migration20261126162200: ['Migration20261126162218', 'Migration20261126162221', 'Migration20261126162223'],
  // the trail
  Migration20261126165700: ['Migration20261126165708', 'Migration20261126165711', 'Migration20261126165714'],
  // inspection codes and revocations
  Migration20261126171000: ['Migration20261126171056', 'Migration20261126171052', 'Migration20261126171048'],
  // annual plans
  Migration20261126233400: ['Migration20261126233432', 'Migration20261126233424', 'Migration20261126233417'],
  // incoming referrals (market supervision's old migration also made register_risk_tag, which it keeps)
  Migration20261126233500: ['Migration20261126233508', 'Migration20261126233515', 'Migration20261126233520'],
  // the trail's before/after digests and the change capture
  Migration20261126235400: ['Migration20261126235423', 'Migration20261126235429', 'Migration20261126235434'],
};
