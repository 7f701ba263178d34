# The figures of `debrief eval` for an engine that has no `eval` command: scores every answer
# of the evaluation files with `debrief score --format json`, one at a time. Used for the
# "before" column of docs/ENGINE.md, with the engine of commit ee78378:
#   git worktree add /tmp/old ee78378 && (cd /tmp/old && swift build)
#   python3 Benchmarks/tools/eval-with-score.py /tmp/old/.build/debug/debrief /tmp/old/QuestionBanks \
#       Tests/Fixtures/eval/dev.jsonl Tests/Fixtures/eval/holdout.jsonl
# "concern" here is the share of weaker answers with any red flag (that engine's only concern).
import json, subprocess, sys, collections
if len(sys.argv) < 4:
    sys.exit("usage: eval-with-score.py DEBRIEF_BINARY BANKS_DIR FILE.jsonl...")
BIN, BANKS = sys.argv[1], sys.argv[2]
def score(item, text):
    args = [BIN, 'score', '--banks', BANKS, '--format', 'json', '--answer', text]
    args += ['--question-id', item['questionId']] if 'questionId' in item else ['--question', item['question']]
    out = subprocess.run(args, capture_output=True, text=True)
    d = json.loads(out.stdout)
    return d['score'], d
def ranks(v):
    order = sorted(range(len(v)), key=lambda i: v[i]); r = [0]*len(v); i = 0
    while i < len(order):
        j = i
        while j+1 < len(order) and v[order[j+1]] == v[order[i]]: j += 1
        for k in range(i, j+1): r[order[k]] = (i+j)/2+1
        i = j+1
    return r
def spearman(x, y):
    rx, ry = ranks(x), ranks(y); mx, my = sum(rx)/len(rx), sum(ry)/len(ry)
    sxy = sum((a-mx)*(b-my) for a, b in zip(rx, ry)); sxx = sum((a-mx)**2 for a in rx); syy = sum((b-my)**2 for b in ry)
    return sxy/(sxx*syy)**0.5 if sxx and syy else float('nan')
for path in sys.argv[3:]:
    items = [json.loads(l) for l in open(path) if l.strip()]
    cats = collections.defaultdict(lambda: [0, 0, 0]); graded = []
    for it in items:
        c = it.get('category', 'uncategorized')
        if 'weaker' in it:
            w, wd = score(it, it['weaker']); s, _ = score(it, it['stronger'])
            cats[c][0] += 1; cats[c][1] += s > w; cats[c][2] += bool(wd['redFlags'])
        else:
            g, _ = score(it, it['answer']); graded.append((g, it['level'], c))
    n = sum(v[0] for v in cats.values()); right = sum(v[1] for v in cats.values()); concern = sum(v[2] for v in cats.values())
    print(f"{path}: pairs {n}: accuracy {right/n:.2f}; weaker with a red flag {concern/n:.2f}; graded {len(graded)}: Spearman {spearman([g[0] for g in graded],[g[1] for g in graded]):.2f}, MAE {sum(abs(g[0]-g[1]) for g in graded)/len(graded):.2f}")
    sp = [g for g in graded if g[2] == 'spoken']
    if len(sp) > 2: print(f"  spoken graded {len(sp)}: Spearman {spearman([g[0] for g in sp],[g[1] for g in sp]):.2f}")
    for c in sorted(cats): print(f"  {c:20s} {cats[c][0]:3d} pairs  accuracy {cats[c][1]/cats[c][0]:.2f}")
