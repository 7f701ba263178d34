/// Answers written for the tests. Strong ones are specific, first person, decide, and
/// volunteer risk; weak ones are what the rubric warns about.
enum Answers {
    static let carouselStrong = """
    The lift fading from 4% to under 1% over two weeks looks like a novelty effect, so I treat the \
    first-week clicks as a proxy, not the outcome. I'd hold the test another two weeks, compare new \
    versus returning users, and watch the long-term metric, 28-day retention, as a guardrail. \
    Seasonality could also shift the traffic mix, so I'd check the distribution of sessions per \
    user. I chose to wait over shipping now because a 1% gain that decays is worth less than the \
    risk. My recommendation is to ship only if retention holds, behind a flag, and roll back if \
    retention drops more than 0.5% for three days.
    """

    static let searchStrong = """
    I'd start with a two-stage system: a cheap retrieval over 2 million listings and a learned \
    ranker on the top 500. I chose gradient-boosted trees over a deep ranker because we have 40k \
    labelled queries and a 50 ms budget. Offline NDCG is only a proxy for buyer success, so I'd run \
    an A/B test with purchases per search as the goal and seller complaints as a guardrail metric. \
    I'd canary it on 5% of traffic, monitor latency and zero-result rate, and roll back if \
    purchases drop 2% for a day. My recommendation is to launch the ranker in that staged way.
    """

    static let mistakeStrong = """
    At the time I was the only ML engineer on a payments team of six. I shipped a feature pipeline \
    change that silently dropped 8% of transactions from training, and it was my mistake: I skipped \
    the row-count check. When I saw recall fall by 6 points, I made the call to roll back within \
    an hour and I wrote the incident note myself. As a result we lost one day of model freshness \
    and no fraud slipped through. I learned to treat schema changes as launches, and since then I \
    added a check to the pipeline that blocks any run whose row count moves more than 2%.
    """

    static let incidentStrong = """
    In my last role I was on call when our ranking service started timing out at 3 a.m. The owner \
    team was asleep, so I took ownership: I paused the nightly model push and rolled back to the \
    last known good model within 20 minutes. I chose a rollback over a hot fix because I could not \
    test a fix safely at night. As a result, timeouts fell from 12% to 0.1%. I wrote the postmortem, \
    and I proposed a canary step that every model push now goes through, which has caught two bad \
    pushes since.
    """

    static let naiveSentence = " Honestly the offline numbers speak for themselves, so the gain is real."
}
