#!/usr/bin/env python3
"""Pool candidate stories for each query by plain substring search.

For each query: concept groups of accepted variants (query words, long forms of
abbreviations, simplified forms of traditional characters, synonyms).  A candidate
must match at least one variant in every group.  Score = 3 * (#distinct variants in
title) + (#distinct variants in body); ties broken by total body occurrences, then
date (newest first).  Keep the top 30, then add 5 random stories (seed 1203) that
contain at least one query word (simplified form) and are not already pooled.
Output: pool.tsv  (qid, docid, source[top|rand], score, date, title)
"""
import json, random, csv

CORPUS = "../shared/corpus/xwlb-2022-2024.jsonl"

# qid: (query words in simplified form, [groups of variants])
Q = {
 1: (["中央经济工作会议"], [["中央经济工作会议"]]),
 2: (["进博会"], [["進博會", "进博会", "中国国际进口博览会", "进口博览会"]]),
 3: (["北京冬奥会"], [["北京冬奥会", "北京冬残奥会", "北京2022年冬奥会", "冬奥会", "冬残奥会", "北京冬奥"]]),
 4: (["国常会"], [["国常会", "国务院常务会议"]]),
 5: (["粮食安全"], [["糧食安全", "粮食安全", "粮食生产", "粮食产量", "耕地保护", "种粮", "夏粮", "秋粮", "粮食丰收"]]),
 6: (["杭州亚运会"], [["杭州亚运会", "杭州亚残运会", "第19届亚运会", "第十九届亚运会", "亚运会", "亚残运会"]]),
 7: (["政治局会议"], [["政治局会议", "中共中央政治局召开会议", "中央政治局召开会议", "政治局召开会议"]]),
 8: (["一带一路", "高峰论坛"], [["一带一路"], ["高峰论坛", "国际合作高峰论坛"]]),
 9: (["三中全会"], [["三中全会", "二十届三中全会", "第三次全体会议", "进一步全面深化改革"]]),
 10: (["中国", "中亚峰会"], [["中亚峰会", "中国－中亚", "中国—中亚", "中国-中亚", "中国中亚", "中国－中亚峰会"]]),
 11: (["长江经济带"], [["長江經濟帶", "长江经济带", "长江大保护", "长江保护", "长江流域"]]),
 12: (["神舟十五号"], [["神舟十五号", "神舟十五", "神十五", "费俊龙", "邓清明", "张陆"]]),
 13: (["央行", "货币政策"], [["央行", "中国人民银行", "人民银行"],
                          ["货币政策", "降准", "存款准备金", "利率", "贷款市场报价利率", "LPR", "流动性", "再贷款"]]),
 14: (["防汛救灾"], [["防汛救灾", "防汛", "抗洪", "洪涝", "救灾", "抢险救灾", "汛情"]]),
 15: (["养老金"], [["养老金", "养老保险", "基本养老金", "个人养老金", "养老保险全国统筹"]]),
 16: (["新质生产力"], [["新质生产力"]]),
 17: (["卡脖子"], [["卡脖子", "关键核心技术", "核心技术攻关", "科技自立自强", "自主可控", "关键核心技术攻关"]]),
 18: (["碳达峰", "碳中和"], [["碳达峰", "碳中和", "双碳", "绿色低碳"]]),
 19: (["俄乌冲突"], [["俄乌冲突", "乌克兰危机", "乌克兰问题", "俄乌", "乌克兰"]]),
 20: (["中非合作论坛"], [["中非合作论坛"]]),
 21: (["粤港澳大湾区"], [["粵港澳大灣區", "粤港澳大湾区", "大湾区", "横琴", "前海", "南沙"]]),
 22: (["海南自由贸易港"], [["海南自由贸易港", "海南自贸港", "自由贸易港", "自贸港", "封关"]]),
 23: (["G20"], [["G20", "二十国集团"]]),
 24: (["全面从严治党"], [["全面从严治党", "从严治党"]]),
 25: (["乡村振兴"], [["鄉村振興", "乡村振兴"]]),
 26: (["习近平", "沙特"], [["习近平"], ["沙特", "利雅得", "中阿峰会", "海合会", "中国－阿拉伯国家峰会",
                               "中国—阿拉伯国家峰会", "阿拉伯国家峰会"]]),
 27: (["两高", "报告"], [["两高", "最高人民法院", "最高人民检察院", "最高法", "最高检"], ["报告", "工作报告"]]),
 28: (["香港回归", "25周年"], [["香港回归", "香港回归祖国", "回归祖国"], ["25周年", "二十五周年"]]),
}

docs = [json.loads(l) for l in open(CORPUS, encoding="utf-8")]
rng = random.Random(1203)
out = []
for qid in sorted(Q):
    words, groups = Q[qid]
    cands = []
    for d in docs:
        t, b = d["title"], d["body"]
        if not all(any(v in t or v in b for v in g) for g in groups):
            continue
        allv = [v for g in groups for v in g]
        score = 3 * sum(v in t for v in allv) + sum(v in b for v in allv)
        occ = sum(b.count(v) for v in allv)
        cands.append((score, occ, d["date"], d["id"], d["title"]))
    cands.sort(key=lambda x: (-x[0], -x[1], -int(x[2].replace("-", ""))))
    top = cands[:30]
    chosen = {c[3] for c in top}
    for c in top:
        out.append((qid, c[3], "top", c[0], c[2], c[4]))
    loose = [d for d in docs if d["id"] not in chosen
             and any(w in d["title"] or w in d["body"] for w in words)]
    if len(loose) < 5:  # fall back to any variant
        allv = [v for g in groups for v in g]
        ids = {d["id"] for d in loose}
        loose += [d for d in docs if d["id"] not in chosen and d["id"] not in ids
                  and any(v in d["title"] or v in d["body"] for v in allv)]
    for d in rng.sample(loose, min(5, len(loose))):
        out.append((qid, d["id"], "rand", 0, d["date"], d["title"]))
    print(qid, "cands", len(cands), "loose", len(loose))

with open("pool.tsv", "w", encoding="utf-8") as f:
    w = csv.writer(f, delimiter="\t", lineterminator="\n")
    w.writerow(["qid", "docid", "source", "score", "date", "title"])
    w.writerows(out)
print("pooled", len(out))
