from django.apps import AppConfig


class SpotchecksConfig(AppConfig):
    name = "fazhi.spotchecks"
    label = "spotchecks"
    verbose_name = "双随机、一公开"

    def ready(self) -> None:
        # Explicit registration (no discovery): `fazhi import entities FILE`.
        from fazhi.core.importing import register_importer
        from fazhi.spotchecks.importers import entity_directory_import_path

        register_importer(kind="entities", label="检查对象名录库", run=entity_directory_import_path)
