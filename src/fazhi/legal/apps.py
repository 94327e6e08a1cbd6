from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "fazhi.legal"
    label = "legal"
    verbose_name = "法律法规库"

    def ready(self) -> None:
        # Explicit registration (no import-time side effects elsewhere): `fazhi import laws PATH`.
        from fazhi.core.importing import register_importer
        from fazhi.legal.importers import import_laws

        register_importer(kind="laws", label="法律法规", run=import_laws)
