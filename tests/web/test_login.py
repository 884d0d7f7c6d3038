def test_it_shows_a_chinese_login_form(anonymous):
    response = anonymous.get("/accounts/login/")
    assert response.status_code == 200
    assert "用户名" in response.content.decode()


def test_it_signs_in_a_demo_account(anonymous):
    response = anonymous.post("/accounts/login/", {"username": "guihuake", "password": "guihuake-demo-2025"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_it_refuses_a_wrong_password_with_a_message(anonymous):
    response = anonymous.post("/accounts/login/", {"username": "guihuake", "password": "wrong"})
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()


def test_a_refusal_is_explained_in_chinese(kewei):
    response = kewei.get("/plans/review/")
    assert response.status_code == 403
    assert "仅规划科可执行此操作" in response.content.decode()


def test_a_missing_page_is_explained_in_chinese(anonymous):
    response = anonymous.get("/public/indicators/999999/")
    assert response.status_code == 404
    assert "没有这个页面" in response.content.decode()
