#!/usr/bin/env python3
"""Re-creates the example sessions in this folder by running real scripted drills.

Each scenario pins its questions with `:ask ID`, answers them, and answers each pushback
with the next scripted response (or `:skip` when the script has none left). The drill's
own journal is the example. Run from the repository root after `swift build`:

    python3 Sessions/examples/make-examples.py

Rerun it when the engine or the banks change what a recorded session would score; the
tests replay every example and check today's engine agrees with its recorded verdict.
"""
import os, queue, re, shutil, subprocess, sys, tempfile, threading

BINARY = os.environ.get("DEBRIEF", ".build/debug/debrief")
HERE = os.path.dirname(os.path.abspath(__file__))

QUESTION = re.compile(r"^Q\d+/\d+ · (\S+)")
PUSHBACK = re.compile(r"^(?!Journal|Debrief)[A-Z][a-z]+: ")
DEBRIEF = re.compile(r"Scorecards")

SCENARIOS = {
    # A daily ML drill: solid answers, and the candidate takes the pushback on board.
    "daily-ml-adapts": (["--loop", "daily", "--questions", "2", "--seed", "11"], [
        ("ml-eval-carousel-ab-test",
         "The lift fading from 4% to under 1% over two weeks looks like a novelty effect, so I treat the "
         "first-week clicks as a proxy, not the outcome. I'd extend the test two more weeks and compare new "
         "versus returning users, with 28-day retention as a guardrail metric. I chose to wait over shipping "
         "now because a gain that decays is worth less than the risk. My recommendation is to ship only if "
         "retention holds, behind a flag.",
         ["Good point - December traffic shifts the mix, so I'd check seasonality against last year's "
          "carousel data and alert on drift in sessions per user. I'd roll back if retention drops more "
          "than 0.5% for three days."]),
        ("ml-deploy-eta-rollback",
         "Before launch I'd write the rollback criteria down: if late-arrival complaints rise more than 3% or "
         "median ETA error goes above 3.5 minutes for an hour, I roll back to the previous model, which stays "
         "warm behind a feature flag. I'd canary it on 5% of trips in two cities first and monitor error by "
         "city and hour. I decided to own that runbook myself, and I'd ship it that way.",
         ["You're right that a city-level average can hide a bad district; I'd add per-district alerts and "
          "keep the same rollback trigger."]),
    ]),
    # An ML onsite: strong in three rounds, but metric naivete in both ML rounds, defended.
    "onsite-ml-metric-naivete": (["--loop", "onsite-ml", "--questions", "1", "--seed", "21"], [
        ("ml-eval-fraud-accuracy",
         "I'd compare against the flag-nothing baseline and measure precision and recall in the top 500 "
         "daily scores, since ops can review 500. I chose a threshold at review capacity over a fixed 0.5 "
         "because it matches the budget. Honestly though, the offline numbers speak for themselves, so the "
         "model is clearly better than the rules.",
         ["As I already said, the numbers speak for themselves. I stand by it."]),
        ("ml-sys-marketplace-search",
         "I'd build retrieval over 2 million listings and a learned ranker on the top 500. I chose "
         "gradient-boosted trees over a deep ranker because we have 40k labelled queries and a 50 ms budget. "
         "I'd canary it on 5% of traffic and roll back if purchases drop 2% for a day. Offline NDCG went up "
         "8%, and the numbers speak for themselves.",
         ["That's just a hypothetical. The offline numbers speak for themselves."]),
        ("beh-fail-my-mistake",
         "At the time I was the only ML engineer on a payments team of six. I shipped a pipeline change that "
         "silently dropped 8% of transactions from training; it was my mistake, because I skipped the "
         "row-count check. When recall fell by 6 points I made the call to roll back within an hour and I "
         "wrote the incident note. As a result no fraud slipped through. I learned to treat schema changes "
         "as launches, and since then I added a check that blocks any run whose row count moves more than 2%.",
         []),
        ("beh-own-incident-call",
         "In my last role I was on call when our ranking service started timing out at 3 a.m. I took "
         "ownership: I paused the nightly model push and rolled back to the last known good model within 20 "
         "minutes. I chose a rollback over a hot fix because I could not test a fix safely at night. As a "
         "result timeouts fell from 12% to 0.1%. I wrote the postmortem and proposed a canary step that every "
         "push now goes through.",
         []),
    ]),
    # A behavioral loop where round 1 and round 3 tell different career stories.
    "behavioral-inconsistent": (["--loop", "behavioral", "--questions", "1", "--seed", "31"], [
        ("beh-lead-no-authority",
         "Last year I was the tech lead on a migration that touched four teams, none reporting to me. I "
         "proposed a shared cutover checklist and I ran a weekly 20-minute review. I love hands-on coding, "
         "so I also wrote the dual-write shim myself. As a result we moved 120 services in 9 weeks with one "
         "rollback, and I learned to put the rollback owner on every line of the checklist.",
         ["Good point - I'd add the rollback criteria to the checklist up front next time."]),
        ("beh-fail-my-mistake",
         "At the time I owned the weekly revenue report. I shipped a query change without a row-count check "
         "and the report went out 4% low. I made the call to pull it within an hour, I wrote the correction "
         "myself, and since then I added a check that compares totals against the ledger before sending.",
         ["I'd also ask a second person to review any change to the revenue query - that's fair."]),
        ("beh-career-three-years",
         "In three years I want to move into management and lead a team of six or seven ML engineers; I've "
         "enjoyed coaching two juniors this year and I want that to be my job.",
         ["Because I'd rather multiply a team than write the code myself."]),
    ]),
}


def drive(name, arguments, script, sessions):
    process = subprocess.Popen([BINARY, "drill", "--sessions-dir", sessions, "--no-color", *arguments],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l.rstrip("\n")) for l in process.stdout] + [lines.put(None)], daemon=True).start()

    def send(text):
        process.stdin.write(text + "\n")
        process.stdin.flush()

    def next_event():
        while True:
            line = lines.get(timeout=30)
            if line is None:
                return ("eof", None)
            if m := QUESTION.match(line):
                return ("question", m.group(1))
            if PUSHBACK.match(line):
                return ("pushback", line)
            if DEBRIEF.search(line):
                return ("debrief", None)

    kind, _ = next_event()
    for question, answer, responses in script:
        assert kind == "question", f"{name}: expected a question, got {kind}"
        send(f":ask {question}")
        kind, asked = next_event()
        assert (kind, asked) == ("question", question), f"{name}: :ask {question} gave {kind} {asked}"
        send(answer + "\n")
        pending = list(responses)
        while True:
            kind, _ = next_event()
            if kind != "pushback":
                break
            send((pending.pop(0) + "\n") if pending else ":skip")
    process.stdin.close()
    process.wait(timeout=60)
    journals = [f for f in os.listdir(sessions) if f.endswith(".jsonl")]
    assert len(journals) == 1, journals
    shutil.copyfile(os.path.join(sessions, journals[0]), os.path.join(HERE, name + ".jsonl"))
    print(f"{name}.jsonl")


for name, (arguments, script) in SCENARIOS.items():
    with tempfile.TemporaryDirectory() as sessions:
        drive(name, arguments, script, sessions)
