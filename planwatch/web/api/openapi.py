"""The OpenAPI 3.1 description of the JSON API."""

from __future__ import annotations


def _get(summary: str, schema: str, params: list | None = None) -> dict:
    return {
        "get": {
            "summary": summary,
            "parameters": params or [],
            "responses": {
                "200": {"description": "成功", "content": {"application/json": {"schema": {"$ref": schema}}}}
            },
        }
    }


def _param(name: str, description: str, location: str = "query") -> dict:
    return {
        "name": name,
        "in": location,
        "required": location == "path",
        "description": description,
        "schema": {"type": "integer"},
    }


def openapi_document() -> dict:
    observation_in = {
        "type": "object",
        "required": ["indicator", "year", "value"],
        "properties": {
            "indicator": {"type": "integer", "description": "主要指标序号"},
            "year": {"type": "integer"},
            "value": {"type": "number"},
            "measure": {
                "type": "string",
                "enum": ["level", "growth_rate", "amount", "reduction_rate", "allocation"],
            },
            "series": {"type": "string"},
            "unit": {"type": "string"},
            "source": {"type": "string"},
            "note": {"type": "string"},
            "comment": {
                "type": "string",
                "description": "评注：数值触发校验规则预警（超出上下限、变化异常、缺少来源、单位与上年不同）时必填",
            },
        },
    }
    observations = _get(
        "监测值（未登录时仅公开指标的已审核数据）",
        "#/components/schemas/Observations",
        [_param("indicator", "指标 id")],
    )
    observations["post"] = {
        "summary": "报送监测值（需令牌，仅限本部门指标），状态为“已提交待审”",
        "security": [{"token": []}],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "oneOf": [
                            {"$ref": "#/components/schemas/ObservationIn"},
                            {"type": "array", "items": {"$ref": "#/components/schemas/ObservationIn"}},
                        ]
                    }
                }
            },
        },
        "responses": {
            "201": {"description": "已创建"},
            "400": {"description": "数据有误，消息指明第几条哪个字段"},
            "401": {"description": "缺少或无效的令牌"},
            "403": {"description": "指标不属于本部门"},
        },
    }
    loose = {"type": "object", "additionalProperties": True}
    return {
        "openapi": "3.1.0",
        "info": {"title": "PlanWatch 规划纲要实施监测评估系统 API", "version": "1"},
        "paths": {
            "/api/plans": _get(
                "规划列表（调用方可见的规划：id、title、period、version、indicators）",
                "#/components/schemas/Plans",
                [_param("limit", "最多返回条数"), _param("offset", "跳过条数")],
            ),
            "/api/plans/{id}/indicators": _get(
                "该规划的主要指标", "#/components/schemas/Indicators", [_param("id", "规划 id", "path")]
            ),
            "/api/plans/{id}/observations": _get(
                "该规划的监测数据", "#/components/schemas/Observations", [_param("id", "规划 id", "path")]
            ),
            "/api/plans/{id}/evaluations": _get(
                "该规划某年的评估结果（年份须在规划期内，否则 400）",
                "#/components/schemas/Evaluation",
                [_param("id", "规划 id", "path"), _param("year", "评估年份")],
            ),
            "/api/indicators": _get(
                "主要指标（未登录时仅公开指标）",
                "#/components/schemas/Indicators",
                [_param("plan", "规划 id")],
            ),
            "/api/indicators/{id}": _get(
                "单个指标", "#/components/schemas/Indicator", [_param("id", "指标 id", "path")]
            ),
            "/api/observations": observations,
            "/api/evaluations": _get(
                "评估结果（INTERFACES.md §2 的 JSON，附人工评价与所用目标版本）",
                "#/components/schemas/Evaluation",
                [_param("plan", "规划 id"), _param("year", "评估年份")],
            ),
        },
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Plans": {"type": "array", "items": loose},
                "Indicator": loose,
                "Indicators": {"type": "array", "items": loose},
                "Observations": {"type": "array", "items": loose},
                "ObservationIn": observation_in,
                "Evaluation": loose,
            },
        },
    }
