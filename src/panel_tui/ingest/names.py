"""Is this string a person's name? Heuristics for Chinese and Latin names in titles and labels."""

from __future__ import annotations

import re

# Common Chinese surnames (single and compound); enough to tell "张一甲" from "圆桌讨论".
_SINGLE = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦"
    "俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房"
    "滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应"
    "臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁"
    "胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阎练盖眭逯鄂代东况揭浦亢"
)
_COMPOUND = {
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "令狐",
    "司徒",
}

_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_LATIN_NAME = re.compile(r"^[A-Z][a-z'’-]+(?: [A-Z][a-z'’.-]*){1,2}$")
# Words that look like names by shape but are roles or generic nouns in titles and labels.
_NOT_LATIN = {
    "Chat",
    "Talk",
    "Panel",
    "Keynote",
    "Session",
    "Forum",
    "Discussion",
    "Opening",
    "Closing",
    "Fireside",
    "Roundtable",
    "Introduction",
    "Future",
    "Present",
    "Past",
    "Potential",
    "Models",
}
_NOT_NAMES = {
    "主持人",
    "嘉宾",
    "主讲",
    "观众",
    "提问",
    "记者",
    "作者",
    "编辑",
    "来源",
    "圆桌",
    "论坛",
}


def squash(name: str) -> str:
    """``张 鹏`` → ``张鹏``: titles write some two-character names with a space."""
    name = name.strip()
    if _CJK.match(name.replace(" ", "").replace("\u3000", "")):
        return name.replace(" ", "").replace("\u3000", "")
    return " ".join(name.split())


def is_chinese_name(s: str) -> bool:
    s = squash(s)
    if not (2 <= len(s) <= 4) or not _CJK.match(s) or s in _NOT_NAMES:
        return False
    if s[:2] in _COMPOUND:
        return len(s) >= 3
    return (s[0] in _SINGLE and len(s) <= 3) or (len(s) == 4 and s[:2] in _COMPOUND)


def is_latin_name(s: str) -> bool:
    s = " ".join(s.split())
    return bool(_LATIN_NAME.match(s)) and not any(w in _NOT_LATIN for w in s.split())


def is_name(s: str, *, allow_latin: bool = True) -> bool:
    return is_chinese_name(s) or (allow_latin and is_latin_name(s))


def surname_of(name: str) -> str:
    if name[:2] in _COMPOUND:
        return name[:2]
    return name[:1]


def given_name(name: str) -> str:
    """``杨植麟`` → ``植麟``; Latin names give their first word."""
    if _CJK.match(name):
        return name[len(surname_of(name)) :]
    return name.split()[0]
