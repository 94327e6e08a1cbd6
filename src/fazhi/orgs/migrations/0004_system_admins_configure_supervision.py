"""System admins already assigned get the supervision model permissions (the 考核指标体系 admin).

role_assign grants CONFIGURATION_APPS' permissions when the role is given; supervision joined that
list later, so a database whose system admins were assigned before would keep answering them 403
on the scheme admin. New assignments need nothing from here. The permissions are created first
(Django otherwise creates them only after all migrations have run).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SYSTEM_ADMIN = "system_admin"


def grant(apps, schema_editor):
    config = apps.get_app_config("supervision")
    original = getattr(config, "models_module", None)  # a stub during migrate: no attribute yet
    config.models_module = original or True  # create_permissions skips an app config without models
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = original
    Permission = apps.get_model("auth", "Permission")
    RoleAssignment = apps.get_model("orgs", "RoleAssignment")
    permissions = list(Permission.objects.filter(content_type__app_label="supervision"))
    users = {a.user for a in RoleAssignment.objects.filter(role=SYSTEM_ADMIN).select_related("user")}
    for user in users:
        user.user_permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0003_orgunit_document_prefix"),
        ("supervision", "0010_scheme_missing_policy_and_ingestion_time"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
