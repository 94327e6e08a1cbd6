from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "fazhi.orgs"
    label = "orgs"
    verbose_name = "组织与人员"

    def ready(self) -> None:
        # Explicit registration: `fazhi import units FILE` and `fazhi import officers FILE`.
        from fazhi.core.importing import register_importer
        from fazhi.orgs.importers import import_officers, import_units

        register_importer(kind="units", label="单位", run=import_units)
        register_importer(kind="officers", label="执法人员", run=import_officers)
