from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "fazhi.supervision"
    label = "supervision"
    verbose_name = "执法监督"

    def ready(self) -> None:
        # Explicit registration (no discovery, no signals): `fazhi import records FILE`, and the three
        # periodic jobs of `fazhi tick` (run in name order): imported records are added to the rollups,
        # this platform's records are ingested, then the alerts are refreshed.
        from fazhi.core.importing import register_importer
        from fazhi.core.outbox.registry import register_periodic
        from fazhi.supervision.importers import import_records
        from fazhi.supervision.services import alerts_periodic, ingest_periodic, rollups_merge_periodic

        register_importer(kind="records", label="执法信息", run=import_records)
        register_periodic("supervision.0_rollups", rollups_merge_periodic)
        register_periodic("supervision.1_ingest", ingest_periodic)
        register_periodic("supervision.2_alerts", alerts_periodic)
