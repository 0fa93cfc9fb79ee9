"""Synthetic plans in the heading layouts real plans are published in (written in our own words),
each with the 篇/章/节/专栏 counts a reader would give it. Kinds of layout, not copies of a plan:
national-style 篇 > 章 > 节 with chapters numbered through the parts, tables of contents with and
without leaders, page-number lines, 专栏 boxes in every numbering (专栏1, 专栏 2-3, 专栏三：),
box titles repeated after a page break, 表N tables that are not boxes, headings glued to their
first sentence, headings split over two lines, citations of chapters and boxes in sentences.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Shape:
    name: str
    text: str
    counts: dict  # 篇, 章, 节, 专栏


def _c(p=0, c=0, s=0, b=0) -> dict:
    return {"篇": p, "章": c, "节": s, "专栏": b}


NATIONAL = Shape("national parts, chapters through parts, toc with leaders, page numbers", """\
青川市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要

目  录

第一篇  开启全面建设新征程……………………………………1
第一章  发展环境………………………………………………2
第二章  总体要求………………………………………………5
第二篇  坚持创新驱动……………………………………………8
第三章  建设创新平台…………………………………………8
第四章  壮大创新主体…………………………………………10
第三篇  建设现代产业体系………………………………………12
第五章  做强先进制造业………………………………………12
第六章  发展现代服务业………………………………………15

第一篇  开启全面建设新征程

第一章  发展环境

第一节  发展基础
“十三五”时期，全市经济总量跨上新台阶，人民生活水平明显提高。
第二节  面临形势
当前和今后一个时期，发展仍处于重要战略机遇期。
— 2 —
第二章  总体要求
第一节  指导思想
坚持稳中求进工作总基调。
第二节  主要目标
到2025年，地区生产总值年均增长6%左右。
第三节  远景目标
展望2035年，基本实现社会主义现代化。

第二篇  坚持创新驱动

第三章  建设创新平台
第一节  建设科创走廊
推进创新平台建设，详见第三章所列工程。
第二节  建设实验室体系
专栏1  重大创新平台
01 青川实验室
02 新材料中试基地
第四章  壮大创新主体
第一节  培育创新企业
实施高新技术企业倍增计划。
— 5 —
第二节  集聚创新人才
完善人才引进政策。

第三篇  建设现代产业体系

第五章  做强先进制造业
第一节  提升产业链水平
推进产业基础再造。
专栏2  先进制造业集群
01 新能源汽车集群
02 新材料产业集群
第二节  推动数字化转型
推进企业上云。
第六章  发展现代服务业
第一节  发展生产性服务业
加快现代物流发展。
第二节  发展生活性服务业
推动商贸服务提质。
""", _c(3, 6, 13, 2))

TOC_PAGE_NUMBERS_NO_LEADERS = Shape("toc lines end in a bare page number; boxes listed in a 专栏目录", """\
某某县“十四五”生态环境保护规划

目录
第一章 发展基础 1
第二章 总体要求 4
第三章 主要任务 7
专栏目录
专栏1 主要指标 4
专栏2 重点工程 8
专栏3 监测能力建设 10

第一章 发展基础
一、主要成效
环境质量持续改善。
二、面临问题
结构性污染依然突出。
第二章 总体要求
一、指导思想
坚持生态优先。
二、主要目标
到2025年，空气质量优良天数比例达到80%以上。
专栏1 主要指标
空气质量优良天数比例 % 75 80 约束性
第三章 主要任务
一、深入打好蓝天保卫战
推进燃煤锅炉治理。
专栏2 重点工程
1.县城集中供热改造工程
2.工业园区污水处理厂提标工程
二、加强监测能力
完善监测网络。
专栏3 监测能力建设
1.空气自动监测站建设
2.水质自动监测站建设
""", _c(0, 3, 0, 3))

BOX_SHAPES = Shape("专栏 N-M, 专栏三：, title on its own line, box repeated over a page break, 表N not a box", """\
某某市“十四五”交通运输发展规划

第一章 发展基础
一、发展成效
交通网络不断完善。
表1 “十三五”交通发展主要指标完成情况
指标 单位 2015年 2020年
公路总里程 公里 12000 13500
二、存在问题
枢纽功能不强。
第二章 重点任务
第一节 完善综合运输通道
推进高速公路建设。
专栏 2-1 综合运输通道重点项目
1.某某至某某高速公路
2.某某铁路支线
第二节 建设综合交通枢纽
推进枢纽建设，详见专栏2-2。
专栏2-2
综合交通枢纽重点项目
1.某某综合客运枢纽
2.某某物流园
专栏2-2
综合交通枢纽重点项目
3.某某港区作业区
第三节 提升运输服务
专栏三：运输服务提升工程
1.城乡客运一体化工程
2.农村物流网络工程
表2 规划主要指标
指标 单位 2020年 2025年
铁路营业里程 公里 800 1000
第三章 保障措施
加强组织领导。
""", _c(0, 3, 3, 3))

GLUED_AND_SPLIT = Shape("headings glued to their first sentence, titles split over two lines, spaced numerals", """\
某某省“十四五”水安全保障规划

第 一 章　发展基础与形势
第一节　发展基础　“十三五”期间，全省水利投资创历史新高，水旱灾害防御能力显著增强。
第二节　面临形势　当前水安全保障仍存在短板。
第二章　总体要求，
构建现代化水网
第一节指导思想
坚持节水优先、空间均衡、系统治理、两手发力。
第二节 发展目标
到2025年，全省用水总量控制在国家下达指标以内。
第三章
优化水资源配置格局
第一节 建设骨干水网
推进引调水工程建设。
第二节 完善区域水网
实施区域水资源配置工程。根据第二章提出的目标，
第三章确定的任务分年度实施。
第三节 强化水资源刚性约束
严格用水总量和强度双控。
""", _c(0, 3, 7, 0))

PARTS_AS_DIVISIONS = Shape("第X部分 divisions with 一、 and （一） headings: no 篇/章/节 at all", """\
某某区“十四五”科技创新规划

第一部分 发展基础
一、主要成效
（一）创新投入持续增加
全社会研发经费投入年均增长12%。
（二）创新平台加快建设
新建省级重点实验室5家。
二、存在不足
创新资源总量不足。
第二部分 总体要求
一、指导思想
坚持创新在现代化建设全局中的核心地位。
二、发展目标
到2025年，研发经费投入强度达到3%。
专栏1 “十四五”科技创新主要指标
研发经费投入强度 % 2.5 3.0 预期性
第三部分 重点任务
一、建设创新平台
专栏2 重点创新平台
1.某某实验室
二、培育创新主体
实施科技型企业梯次培育行动。
""", _c(0, 0, 0, 2))

TRADITIONAL_AND_MARKDOWN = Shape("traditional script, markdown markers, bold headings", """\
# 某某市“十四五”文化發展規劃

## 第一章 發展基礎

### **第一節 主要成就**

文化事業繁榮發展。

### **第二節 面臨形勢**

文化消費需求快速增長。

## 第二章 重點任務

### 第一節 繁榮文藝創作

實施精品創作工程。

專欄1 文藝精品創作工程

1.重大題材創作

### 第二節 推進文旅融合

專欄 2 文旅融合重點項目

1.某某古城文旅綜合體
""", _c(0, 2, 4, 2))

PART_NUMBERING_RESTARTS_CHAPTERS = Shape("篇 whose 章 restart at 第一章 in each 篇", """\
某某经济区发展规划

第一篇 总论
第一章 规划背景
第一节 发展基础
区域经济实力显著增强。
第二节 面临挑战
发展不平衡问题突出。
第二章 总体要求
第一节 指导思想
坚持新发展理念。
第二篇 空间布局
第一章 优化空间结构
第一节 构建一核两翼格局
强化中心城市辐射带动。
第二章 促进城乡融合
第一节 推进新型城镇化
推进农业转移人口市民化。
第三篇 保障措施
第一章 加强组织领导
建立协调推进机制。
""", _c(3, 5, 5, 0))

RUNNING_HEADERS_AND_PAGE_NUMBERS = Shape("running headers at page starts, page-number lines, 专栏 title repeated under a header", """\
某某州“十四五”林业草原发展规划

第一章 发展现状
第一节 主要成就
森林覆盖率稳步提高，草原生态持续恢复。
第二节 存在问题
- 3 -
 某某州“十四五”林业草原发展规划
林草资源保护压力较大。
第二章 主要任务
第一节 加强森林资源保护
严格林地用途管制。
专栏1 森林资源保护重点工程
1.天然林保护修复工程
- 4 -
 某某州“十四五”林业草原发展规划
专栏1 森林资源保护重点工程
2.公益林建设工程
第二节 推进国土绿化
第 5 页
 某某州“十四五”林业草原发展规划
科学开展国土绿化行动。
第三章 保障措施
第一节 强化组织领导
落实林长制。
""", _c(0, 3, 5, 1))

BOX_CITATIONS = Shape("专栏 cited inside wrapped sentences is not a box; 章 cited at a line start is not a chapter", """\
某某县“十四五”乡村振兴规划

第一章 总体要求
第一节 发展目标
到2025年，农村居民人均可支配收入年均增长8%左右，具体项目见
专栏1所列工程，资金按照
第二章提出的要求统筹安排。
第二章 重点任务
第一节 发展乡村产业
专栏1 乡村产业重点工程
1.现代农业产业园
2.农产品加工园区
第二节 建设美丽乡村
推进农村人居环境整治，重点项目详见专栏2。
专栏2 美丽乡村建设工程
1.农村厕所革命
""", _c(0, 2, 3, 2))

GLOBAL_SECTIONS_AND_CN_BOXES = Shape("节 numbered straight through the plan, 专栏一 in Chinese numerals, a box continued （续）", """\
某某市“十四五”现代服务业发展规划

第一章 发展基础
第一节 发展成效
服务业增加值占比稳步提高。
第二节 发展环境
消费升级趋势明显。
第二章 重点领域
第三节 现代物流
建设物流枢纽。
专栏一 物流枢纽重点项目
1.某某公路港
2.某某冷链物流中心
— 9 —
专栏一 物流枢纽重点项目（续）
3.某某航空物流园
第四节 现代金融
发展科技金融。
第三章 保障措施
第五节 加强组织协调
建立服务业发展联席会议制度。
专栏二 服务业发展政策清单
1.服务业引导资金
""", _c(0, 3, 5, 2))

INDICATOR_BOX_AND_TABLE_TITLES = Shape("a 专栏 that holds the indicator table, 附表 and 表N titles, a list of boxes without page numbers", """\
某某区“十四五”卫生健康事业发展规划

专栏目录
专栏1 主要发展指标
专栏2 公共卫生能力提升工程
专栏3 医疗服务能力提升工程

第一章 规划背景
一、发展基础
居民健康水平持续提高。
二、面临形势
人口老龄化程度加深。
第二章 总体要求
一、指导思想
把人民健康放在优先发展的战略位置。
二、发展目标
到2025年，人均预期寿命达到80岁。
专栏1 主要发展指标
序号 指标 单位 2020年 2025年 属性
1 人均预期寿命 岁 79.2 80 预期性
2 孕产妇死亡率 1/10万 8 ≤9 预期性
第三章 主要任务
一、提升公共卫生能力
专栏2 公共卫生能力提升工程
1.疾病预防控制中心标准化建设
二、提升医疗服务能力
专栏3 医疗服务能力提升工程
1.区人民医院扩建
附表1 重大项目表
序号 项目名称 建设内容 总投资（亿元）
1 区人民医院扩建 新增床位500张 5.2
""", _c(0, 3, 0, 3))

SHORT_CONTENTS_LISTS = Shape("a 目录 of two chapters and a 专栏目录 of two boxes, each repeated in the body", """\
某某镇“十四五”发展规划

目  录
第一章 发展基础 1
第二章 主要任务 4
专栏目录
专栏1 主要指标 3
专栏2 重点项目 6

第一章 发展基础
全镇经济稳步增长。
专栏1 主要指标
地区生产总值 亿元 20 30 预期性
第二章 主要任务
推进特色产业发展。
专栏2 重点项目
1.特色农产品加工园
""", _c(0, 2, 0, 2))

SHAPES: tuple[Shape, ...] = (
    SHORT_CONTENTS_LISTS,
    GLOBAL_SECTIONS_AND_CN_BOXES,
    INDICATOR_BOX_AND_TABLE_TITLES,
    NATIONAL,
    TOC_PAGE_NUMBERS_NO_LEADERS,
    BOX_SHAPES,
    GLUED_AND_SPLIT,
    PARTS_AS_DIVISIONS,
    TRADITIONAL_AND_MARKDOWN,
    PART_NUMBERING_RESTARTS_CHAPTERS,
    RUNNING_HEADERS_AND_PAGE_NUMBERS,
    BOX_CITATIONS,
)
