"""The shared reading of quantities: plan period, target or baseline role."""

from planwatch.extract.statements import BASELINE, TARGET, infer_period, read_statements

from .conftest import passage


def test_period_comes_from_the_plan_ordinal_in_the_text():
    passages = [passage("《上海市松江区国民经济和社会发展第十四个五年规划和二○三五年远景目标纲要》")]
    assert infer_period(passages) == (2021, 2025)
    assert infer_period([passage("“十三五”时期是…；“十三五”规划；“十二五”期末")]) == (2016, 2020)


def test_a_past_year_makes_a_fact_and_a_future_year_a_target():
    text = "由2020年的4.32%提高到2025年的5%。"
    roles = [
        (s.role, s.quantity.value, s.year) for s in read_statements([passage(text)], period=(2021, 2025))
    ]
    assert roles == [(BASELINE, 4.32, 2020), (TARGET, 5, 2025)]


def test_comparison_with_an_earlier_period_does_not_date_the_fact():
    text = "城镇污水处理率达95.4%，比“十二五”期末提高4.4个百分点。"
    statements = read_statements([passage(text, review=True)], period=(2021, 2025))
    assert [(s.quantity.value, s.quantity.unit, s.year) for s in statements] == [
        (95.4, "%", None),
        (4.4, "个百分点", None),
    ]
    assert statements[1].metric == "城镇污水处理率比“十二五”期末提高"


def test_any_text_reads_without_error_and_quotes_stay_inside_the_text():
    hypothesis = __import__("pytest").importorskip("hypothesis")
    from hypothesis import strategies

    alphabet = "到至年底内每均累计约近以上下内不少低于超过达分别和、，。；（）%个万亿千百十一二三两〇○0123456789.-“”率数量元亩家所"

    @hypothesis.settings(max_examples=300, deadline=None)
    @hypothesis.given(strategies.text(alphabet=alphabet, max_size=60), strategies.booleans())
    def check(text, review):
        for statement in read_statements([passage(text, review=review)], period=(2021, 2025)):
            assert statement.quote in text
            assert statement.role in (BASELINE, TARGET)

    check()
