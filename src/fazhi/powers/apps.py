from django.apps import AppConfig


class PowersConfig(AppConfig):
    name = "fazhi.powers"
    label = "powers"
    verbose_name = "权责清单与检查清单"

    def ready(self) -> None:
        # Explicit registration: `fazhi import powers FILE` and `fazhi import checkitems FILE`.
        from fazhi.core.importing import register_importer
        from fazhi.powers.importers import import_check_list, import_power_list

        register_importer(kind="powers", label="权责清单", run=import_power_list)
        register_importer(kind="checkitems", label="检查清单", run=import_check_list)
