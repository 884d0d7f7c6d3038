import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Links become groups (one figure in several plans): the group and the member columns, beside the pairs."""

    dependencies = [
        ("plans", "0010_indicator_revisions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="IndicatorGroup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="关联时间")),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="关联人",
                    ),
                ),
            ],
            options={
                "verbose_name": "规划间指标关联组",
                "verbose_name_plural": "规划间指标关联组",
                "ordering": ["pk"],
            },
        ),
        migrations.AddField(
            model_name="indicatorlink",
            name="group",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="links",
                to="plans.indicatorgroup",
                verbose_name="关联组",
            ),
        ),
        migrations.AddField(
            model_name="indicatorlink",
            name="indicator",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="link",
                to="plans.indicator",
                verbose_name="指标",
            ),
        ),
        migrations.AlterField(
            model_name="indicatorlink",
            name="earlier",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="link_to_later",
                to="plans.indicator",
                verbose_name="前一规划的指标",
            ),
        ),
        migrations.AlterField(
            model_name="indicatorlink",
            name="later",
            field=models.OneToOneField(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="link_to_earlier",
                to="plans.indicator",
                verbose_name="后一规划的指标",
            ),
        ),
    ]
