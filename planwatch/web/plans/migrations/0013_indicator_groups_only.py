import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """The pair columns go; every link row is one indicator in one group."""

    dependencies = [("plans", "0012_indicator_groups_from_pairs")]

    operations = [
        migrations.AlterModelOptions(
            name="indicatorlink",
            options={
                "ordering": [
                    "group",
                    "indicator__plan__period_start",
                    "indicator__plan",
                    "indicator__number",
                ],
                "verbose_name": "规划间指标关联",
                "verbose_name_plural": "规划间指标关联",
            },
        ),
        migrations.RemoveField(model_name="indicatorlink", name="earlier"),
        migrations.RemoveField(model_name="indicatorlink", name="later"),
        migrations.AlterField(
            model_name="indicatorlink",
            name="group",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="links",
                to="plans.indicatorgroup",
                verbose_name="关联组",
            ),
        ),
        migrations.AlterField(
            model_name="indicatorlink",
            name="indicator",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="link",
                to="plans.indicator",
                verbose_name="指标",
            ),
        ),
    ]
