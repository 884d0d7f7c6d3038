def test_it_sends_anonymous_visitors_to_the_public_pages(anonymous):
    response = anonymous.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/public/"


def test_it_shows_every_indicator_with_verdicts_to_the_planning_office(planner):
    response = planner.get("/")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="card attr-') == 21
    assert "滞后的约束性指标" in page
    assert "echarts-6.1.0.min.js" in page


def test_it_shows_the_same_overview_to_a_leader(leader):
    response = leader.get("/")
    assert response.status_code == 200
    assert response.content.decode().count('class="card attr-') == 21


def test_it_shows_a_reporter_only_their_departments_indicators(kewei):
    page = kewei.get("/").content.decode()
    assert page.count('class="card attr-') == 3  # 8 高新技术企业, 10 研发经费, 11 发明专利
    assert "有效期内高新技术企业数" in page
    assert "森林覆盖率" not in page


def test_it_marks_illustrative_data(planner):
    page = planner.get("/").content.decode()
    assert "示例数据" in page


def test_it_totals_projects_by_status(planner):
    page = planner.get("/").content.decode()
    assert "重大项目" in page
    assert "在建" in page


def test_it_lists_lagging_binding_indicators_first(planner):
    response = planner.get("/")
    cards = response.context["cards"]
    first = cards[0]["verdict"]
    lagging = [
        c
        for c in cards
        if c["verdict"].get("attribute") == "binding"
        and c["verdict"].get("status") in ("lagging", "not_achieved")
    ]
    if lagging:
        assert first["attribute"] == "binding"
        assert first["status"] in ("lagging", "not_achieved")


def test_it_reports_binding_indicators_separately(planner):
    response = planner.get("/", {"year": "2025"})
    assert sum(c["count"] for c in response.context["binding_counts"]) == 8  # 12–16, 18, 19, 21
    assert "约束性指标</strong>：" in response.content.decode()


def test_a_department_with_no_indicator_in_a_plan_is_told_why_the_overview_is_empty(kewei, national):
    page = kewei.get(f"/plans/{national.pk}/dashboard/").content.decode()
    assert page.count('class="card attr-') == 0
    assert "本规划中没有由本部门负责或配合的指标" in page
    assert '<span class="num">0</span><span>项本部门指标</span>' in page
    assert f'<a href="/plans/{national.pk}/monitoring/">数据填报</a>' in page  # not a bare dash
    assert "<th>项目数</th>" not in page  # no empty project table


def test_a_department_counts_its_own_indicators_not_the_plans(kewei, plan):
    page = kewei.get(f"/plans/{plan.pk}/dashboard/").content.decode()
    assert '<span class="num">3</span><span>项本部门指标</span>' in page
    assert "项主要指标" not in page


def test_the_planning_office_still_counts_the_plans_main_indicators(planner, national):
    page = planner.get(f"/plans/{national.pk}/dashboard/").content.decode()
    assert '<span class="num">8</span><span>项主要指标</span>' in page
    assert "本规划中没有由本部门负责" not in page


def test_an_indicator_with_nothing_to_draw_says_so_instead_of_an_empty_chart(planner, anonymous, national):
    """The national plan has no figure yet: no empty chart frames, a sentence instead (dashboard, indicator page,
    public page); Songjiang's indicators with figures keep their charts."""
    page = planner.get(f"/plans/{national.pk}/dashboard/").content.decode()
    assert "data-chart=" not in page and page.count("尚无监测值，暂无走势图") == national.indicators.count()
    first = national.indicators.order_by("number").first()
    assert "尚无监测值，暂无走势图" in planner.get(f"/plans/indicators/{first.pk}/").content.decode()
    songjiang = planner.get("/").content.decode()
    assert "data-chart=" in songjiang and "暂无走势图" not in songjiang


def test_a_plan_whose_indicators_all_have_departments_is_sent_to_open_a_round(planner, national):
    page = planner.get(f"/plans/{national.pk}/dashboard/").content.decode()
    assert "各项指标都已指定责任部门，下一步到" in page
    assert f'<a href="/plans/{national.pk}/monitoring/rounds/">填报轮次</a>开启一轮' in page
    assert "先在指标核对中为每项指标指定责任部门" not in page


def test_a_plan_with_unassigned_indicators_is_sent_to_assign_them_first(planner, national):
    national.indicators.filter(number__in=[2, 3]).update(department=None)
    page = planner.get(f"/plans/{national.pk}/dashboard/").content.decode()
    assert "本规划还有2项指标未指定责任部门" in page
    assert f'<a href="/plans/{national.pk}/onboarding/assign/">分解指标和任务</a>' in page


def test_a_leader_is_told_who_opens_the_round_not_sent_to_the_offices_pages(leader, national):
    page = leader.get(f"/plans/{national.pk}/dashboard/").content.decode()
    assert "规划科开启填报轮次后，各部门即可填报" in page
    assert "/onboarding/" not in page


def test_a_plan_without_projects_says_so_instead_of_counting_zero_yuan(planner, national):
    page = planner.get(f"/plans/{national.pk}/dashboard/").content.decode()
    assert "本规划还没有列入项目库的重大项目" in page
    assert "0.0</strong> 亿元" not in page


def test_a_status_whose_projects_state_no_investment_reads_unstated_not_zero(planner, plan):
    from planwatch.web.projects.models import Project

    projects = Project.objects.filter(plan=plan)
    status = projects.values_list("status", flat=True).first()
    projects.filter(status=status).update(investment=None)
    rows = planner.get(f"/plans/{plan.pk}/dashboard/").context["project_totals"]["by_status"]
    label = dict(Project._meta.get_field("status").choices)[status]
    unstated = next(r for r in rows if r["status"] == label)
    assert unstated["investment"] is None
    page = planner.get(f"/plans/{plan.pk}/dashboard/").content.decode()
    assert "该状态的项目均未列投资额" in page
