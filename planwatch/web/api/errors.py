"""Every error answer under `/api/` is JSON (`{"error": str}`), never an HTML page.

Whatever produced it — an unknown path (404), a method no view takes (405), a refused CSRF check (403), an
unexpected failure (500) — an answer of status 400 or more that is not JSON already is replaced by one.
"""

from __future__ import annotations

from django.http import JsonResponse

MESSAGES = {
    400: "请求有误",
    401: "需要令牌或登录",
    403: "无权执行此操作",
    404: "没有这个接口或对象",
    405: "不支持该请求方法",
    500: "服务器内部错误，已记录；请稍后重试",
}


def _message(request, response) -> str:
    status = response.status_code
    if status == 404:
        return f"没有这个接口或对象：{request.path}"
    if status == 405:
        allowed = response.get("Allow", "")
        return f"不支持 {request.method} 方法" + (f"，可用：{allowed}" if allowed else "")
    return MESSAGES.get(status, MESSAGES[500] if status >= 500 else MESSAGES[400])


class ApiJsonErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/api/") or response.status_code < 400:
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        answer = JsonResponse(
            {"error": _message(request, response)},
            status=response.status_code,
            json_dumps_params={"ensure_ascii": False},
        )
        if response.has_header("Allow"):
            answer["Allow"] = response["Allow"]
        return answer
