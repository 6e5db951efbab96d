#!/usr/bin/env python3
"""Pool candidate stories per query by plain substring search over title+body.
Score = 3 * (#variants in title) + (#variants in body); ties -> total occurrences, then date (newest first).
Keep top 30; add 5 random stories (seed 7741) containing at least one query word/variant not already pooled."""
import json, random, sys

CORPUS = "../shared/corpus/xwlb-2022-2024.jsonl"
VARIANTS = {
 1: ["碳达峰碳中和", "碳达峰", "碳中和", "双碳", "碳排放", "碳市场"],
 2: ["发改委", "国家发展改革委", "国家发展和改革委员会", "发展改革委"],
 3: ["中央经济工作会议"],
 4: ["降准", "存款准备金率", "央行", "中国人民银行", "人民银行"],
 5: ["粤港澳大湾区", "大湾区", "粤港澳"],
 6: ["进博会", "中国国际进口博览会", "进口博览会"],
 7: ["神舟十五号", "神十五", "费俊龙", "邓清明", "张陆"],
 8: ["国常会", "国务院常务会议"],
 9: ["北京冬奥会", "冬奥会", "冬奥", "第二十四届冬季奥林匹克运动会", "北京2022"],
 10: ["政治局会议", "中共中央政治局召开会议", "中央政治局召开会议", "中共中央政治局"],
 11: ["一带一路", "高峰论坛", "国际合作高峰论坛"],
 12: ["三中全会", "二十届三中全会", "第二十届中央委员会第三次全体会议", "进一步全面深化改革"],
 13: ["党的二十大", "二十大", "第二十次全国代表大会"],
 14: ["反腐", "反腐败", "腐败", "党风廉政建设", "纪律审查", "监察调查", "中央纪委", "巡视"],
 15: ["防汛救灾", "防汛", "抗洪", "洪涝", "抢险救灾", "汛情"],
 16: ["养老金", "养老保险", "基本养老金", "个人养老金", "养老保险待遇"],
 17: ["上海合作组织峰会", "上海合作组织", "上合组织", "元首理事会", "峰会"],
 18: ["卡脖子", "关键核心技术", "核心技术攻关", "芯片", "集成电路", "科技自立自强"],
 19: ["雄安新区", "雄安"],
 20: ["G20", "二十国集团", "二十国集团领导人峰会"],
 21: ["回信", "复信", "习近平"],
 22: ["鄉村振興", "乡村振兴", "乡村全面振兴", "三农", "农业农村现代化"],
 23: ["黄河流域生态保护和高质量发展", "黄河流域生态保护", "黄河流域", "黄河", "生态保护"],
 24: ["糧食安全", "粮食安全", "粮食生产", "耕地保护", "夏粮", "秋粮", "粮食"],
 25: ["兩岸關係", "两岸关系", "两岸", "台湾", "海峡两岸", "国台办", "台湾同胞"],
 26: ["脫貧攻堅", "脱贫攻坚", "脱贫", "防止返贫", "巩固拓展脱贫攻坚成果", "扶贫"],
}
TOPK, NRAND, SEED = 30, 5, 7741

def main():
    docs = [json.loads(l) for l in open(CORPUS, encoding="utf-8")]
    rng = random.Random(SEED)
    out = open("pool.tsv", "w", encoding="utf-8")
    for qid in sorted(VARIANTS):
        vs = VARIANTS[qid]
        cands = []
        for d in docs:
            t, b = d["title"], d["body"]
            tv = sum(1 for v in vs if v in t)
            bv = sum(1 for v in vs if v in b)
            if tv or bv:
                occ = sum(t.count(v) + b.count(v) for v in vs)
                cands.append((3 * tv + bv, occ, d["date"], d["id"]))
        cands.sort(key=lambda x: x[3])                        # deterministic base order
        cands.sort(key=lambda x: (x[0], x[1], x[2]), reverse=True)  # score, occurrences, newest date
        top = cands[:TOPK]
        rest = [c for c in cands[TOPK:]]
        rand = rng.sample(rest, min(NRAND, len(rest)))
        for r, c in enumerate(top, 1):
            out.write(f"{qid}\t{c[3]}\ttop\t{r}\t{c[0]}\n")
        for c in rand:
            out.write(f"{qid}\t{c[3]}\trandom\t0\t{c[0]}\n")
        print(qid, "candidates", len(cands), "pooled", len(top) + len(rand), file=sys.stderr)
    out.close()

if __name__ == "__main__":
    main()
