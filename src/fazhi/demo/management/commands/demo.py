"""`fazhi demo`: load the fictional demo district and print the demo logins."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from fazhi.core.actors import system_actor
from fazhi.demo.steps import demo_load


class Command(BaseCommand):
    help = "加载演示数据（虚构的青禾区：部门、执法人员、各角色用户），并打印演示账号。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="以JSON输出结果")

    def handle(self, *args: Any, **options: Any) -> None:
        summary = demo_load(actor=system_actor())
        if options["json"]:
            self.stdout.write(json.dumps(summary.__dict__, ensure_ascii=False))
            return
        if summary.created:
            self.stdout.write(f"已创建演示数据：{summary.units}个单位，{summary.officers}名执法人员。")
        else:
            self.stdout.write("演示数据已存在，未重复创建。")
        self.stdout.write(f"演示账号（密码均为 {summary.password}）：")
        for username, display, role in summary.users:
            self.stdout.write(f"  {username:<8} {display}  {role}")
