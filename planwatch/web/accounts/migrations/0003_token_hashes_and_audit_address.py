"""API tokens are kept as SHA-256 hashes (existing ones hashed in place); the audit log gains the client's address."""

import hashlib

from django.db import migrations, models


def hash_existing_tokens(apps, schema_editor):
    database = schema_editor.connection.alias  # the database being migrated, which need not be "default"
    ApiToken = apps.get_model("accounts", "ApiToken")
    for token in ApiToken.objects.using(database).all():
        token.key_hash = hashlib.sha256(token.key.encode("utf-8", "surrogatepass")).hexdigest()
        token.prefix = token.key[:8]
        token.save(update_fields=["key_hash", "prefix"])
    # Audit entries of tokens held the clear text under "key": it goes too.
    AuditEntry = apps.get_model("accounts", "AuditEntry")
    for entry in AuditEntry.objects.using(database).filter(model="接口令牌"):
        for side in ("before", "after"):
            value = getattr(entry, side)
            if isinstance(value, dict) and "key" in value:
                value.pop("key")
                value["令牌开头"] = "（已隐去）"
        entry.save(update_fields=["before", "after"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_login_failures"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="key_hash",
            field=models.CharField(editable=False, max_length=64, null=True, verbose_name="令牌摘要"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="prefix",
            field=models.CharField(
                default="",
                editable=False,
                help_text="用于辨认令牌，不能用来登录",
                max_length=8,
                verbose_name="令牌开头",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="apitoken",
            name="note",
            field=models.CharField(blank=True, max_length=100, verbose_name="用途"),
        ),
        migrations.RunPython(hash_existing_tokens, migrations.RunPython.noop),
        migrations.RemoveField(model_name="apitoken", name="key"),
        migrations.AlterField(
            model_name="apitoken",
            name="key_hash",
            field=models.CharField(editable=False, max_length=64, unique=True, verbose_name="令牌摘要"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="address",
            field=models.CharField(blank=True, max_length=64, verbose_name="来源地址"),
        ),
    ]
