from django.db import migrations


def pairs_to_groups(apps, schema_editor):
    """Every linked pair joins one group with the pairs it shares an indicator with (union); each indicator
    becomes one member row, the pair rows go. Who linked and when is kept from the earliest pair (the group's) and
    from the first pair each indicator was linked in (its member row's)."""
    IndicatorLink = apps.get_model("plans", "IndicatorLink")
    IndicatorGroup = apps.get_model("plans", "IndicatorGroup")
    db = schema_editor.connection.alias
    pairs = list(IndicatorLink.objects.using(db).filter(group__isnull=True).order_by("created_at", "pk"))
    root: dict[int, int] = {}

    def find(node: int) -> int:
        while root.setdefault(node, node) != node:
            root[node] = root[root[node]]
            node = root[node]
        return node

    for pair in pairs:
        root[find(pair.earlier_id)] = find(pair.later_id)
    first_pair = {}
    for pair in pairs:
        first_pair.setdefault(find(pair.earlier_id), pair)
    groups = {}
    for top, pair in first_pair.items():
        group = IndicatorGroup.objects.using(db).create(created_by_id=pair.created_by_id)
        IndicatorGroup.objects.using(db).filter(pk=group.pk).update(created_at=pair.created_at)
        groups[top] = group
    members = {}
    for pair in pairs:
        for indicator_id in (pair.earlier_id, pair.later_id):
            members.setdefault(indicator_id, pair)
    for pair in pairs:
        pair.delete()
    for indicator_id, pair in members.items():
        member = IndicatorLink.objects.using(db).create(
            group=groups[find(indicator_id)], indicator_id=indicator_id, created_by_id=pair.created_by_id
        )
        IndicatorLink.objects.using(db).filter(pk=member.pk).update(created_at=pair.created_at)


def groups_to_pairs(apps, schema_editor):
    """Back to pairs: each group's members chained in order of their plans' first years; a pair was linked when
    the later of its two members was."""
    IndicatorLink = apps.get_model("plans", "IndicatorLink")
    IndicatorGroup = apps.get_model("plans", "IndicatorGroup")
    db = schema_editor.connection.alias
    for group in IndicatorGroup.objects.using(db).all():
        members = list(
            IndicatorLink.objects.using(db)
            .filter(group=group)
            .order_by("indicator__plan__period_start", "indicator__plan", "pk")
        )
        for row in members:
            row.delete()
        for earlier, later in zip(members, members[1:], strict=False):
            pair = IndicatorLink.objects.using(db).create(
                earlier_id=earlier.indicator_id,
                later_id=later.indicator_id,
                created_by_id=group.created_by_id,
            )
            linked_at = max(earlier.created_at, later.created_at)
            IndicatorLink.objects.using(db).filter(pk=pair.pk).update(created_at=linked_at)
        group.delete()


class Migration(migrations.Migration):
    dependencies = [("plans", "0011_indicator_groups")]

    operations = [migrations.RunPython(pairs_to_groups, groups_to_pairs)]
