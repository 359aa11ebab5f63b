/// The HTML page of the morning report, a Mustache template (hummingbird-project/swift-mustache): one file with
/// its styles and inline SVG charts, nothing fetched from anywhere, so it reads the same offline and in a mail
/// client. `{{x}}` escapes HTML; every value passes through it.
enum ReportTemplate {
    static let page = #"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Referrals morning report – {{asOf}}</title>
        <style>
        body { font-family: "Segoe UI", "Noto Sans", "Noto Sans CJK JP", Arial, sans-serif; color: #1b1b1b; margin: 24px auto; max-width: 980px; padding: 0 16px; }
        h1 { font-size: 24px; margin-bottom: 4px; }
        h2 { font-size: 18px; margin-top: 32px; border-bottom: 2px solid #0f6cbd; padding-bottom: 4px; }
        p.meta, p.note { color: #555; font-size: 13px; }
        table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
        th, td { padding: 4px 10px; border-bottom: 1px solid #ddd; text-align: left; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
        .tiles { display: flex; gap: 12px; flex-wrap: wrap; }
        .tile { border: 1px solid #ccc; border-radius: 6px; padding: 10px 16px; min-width: 120px; }
        .tile .count { font-size: 28px; font-weight: 600; }
        .tile.expired .count { color: #b3261e; } .tile.urgent .count { color: #c25e00; }
        svg text { font-size: 12px; fill: #1b1b1b; }
        svg rect { fill: #0f6cbd; }
        </style>
        </head>
        <body>
        <h1>Referrals morning report</h1>
        <p class="meta">Schema {{schema}} · as of {{asOf}}</p>

        <h2>Waiting for an answer</h2>
        <p class="note">Incoming referrals still New, by time left before Partner Center archives them as Expired (14 days after creation).</p>
        <div class="tiles">
        {{#slaTiles}}<div class="tile {{style}}"><div class="count">{{count}}</div><div>{{label}}</div></div>
        {{/slaTiles}}
        </div>
        <h3>Next deadlines</h3>
        {{#hasDeadlines}}
        <table><tr><th>Referral</th><th>Customer</th><th class="n">Hours left</th><th>Expires</th></tr>
        {{#nextDeadlines}}<tr><td>{{name}}</td><td>{{customer}}</td><td class="n">{{hoursLeft}}</td><td>{{expiresAt}}</td></tr>
        {{/nextDeadlines}}</table>
        {{/hasDeadlines}}
        {{^hasDeadlines}}<p>None: nothing is about to expire.</p>{{/hasDeadlines}}

        <h2>Funnel</h2>
        <p class="note">Referrals created per month (last twelve months) and where they are now.</p>
        {{#funnelChart}}{{> chart}}{{/funnelChart}}
        <table><tr><th>Month</th><th class="n">Created</th><th class="n">Accepted</th><th class="n">Won</th><th class="n">Lost</th><th class="n">Declined</th><th class="n">Expired</th><th class="n">Waiting</th></tr>
        {{#funnel}}<tr><td>{{month}}</td><td class="n">{{created}}</td><td class="n">{{accepted}}</td><td class="n">{{won}}</td><td class="n">{{lost}}</td><td class="n">{{declined}}</td><td class="n">{{expired}}</td><td class="n">{{awaiting}}</td></tr>
        {{/funnel}}</table>
        {{^funnel}}<p>None.</p>{{/funnel}}

        <h2>Win rate</h2>
        <p class="note">Won / (won + lost) by quarter of creation. Declined and expired referrals were never worked and do not count.</p>
        {{#winChart}}{{> chart}}{{/winChart}}
        <table><tr><th>Quarter</th><th class="n">Won</th><th class="n">Lost</th><th class="n">Win rate</th></tr>
        {{#winRate}}<tr><td>{{label}}</td><td class="n">{{won}}</td><td class="n">{{lost}}</td><td class="n">{{percent}} %</td></tr>
        {{/winRate}}</table>
        {{^winRate}}<p>None.</p>{{/winRate}}
        <h3>By solution, last four quarters</h3>
        <table><tr><th>Solution</th><th class="n">Won</th><th class="n">Lost</th><th class="n">Win rate</th></tr>
        {{#winRateBySolution}}<tr><td>{{label}}</td><td class="n">{{won}}</td><td class="n">{{lost}}</td><td class="n">{{percent}} %</td></tr>
        {{/winRateBySolution}}</table>
        {{^winRateBySolution}}<p>None.</p>{{/winRateBySolution}}

        <h2>Deal value by solution ({{currency}})</h2>
        <p class="note">Open (New or Active) and won deal value in {{currency}}, never converted; other currencies are in the view deal_value_by_requirement. A referral naming two solutions counts in both.</p>
        {{#valueChart}}{{> chart}}{{/valueChart}}
        <table><tr><th>Solution</th><th class="n">Open</th><th class="n">Open value</th><th class="n">Won</th><th class="n">Won value</th></tr>
        {{#dealValue}}<tr><td>{{solution}}</td><td class="n">{{openReferrals}}</td><td class="n">{{openValue}}</td><td class="n">{{wonReferrals}}</td><td class="n">{{wonValue}}</td></tr>
        {{/dealValue}}</table>
        {{^dealValue}}<p>None.</p>{{/dealValue}}

        <h2>Pipeline health</h2>
        <table><tr><th>Pipeline</th><th>Started</th><th>Status</th><th>Mode</th><th class="n">Inserted</th><th class="n">Updated</th><th class="n">Rejected</th><th class="n">Seconds</th><th class="n">Hours since success</th></tr>
        {{#runs}}<tr><td>{{pipeline}}</td><td>{{startedAt}}</td><td>{{status}}</td><td>{{mode}}</td><td class="n">{{inserted}}</td><td class="n">{{updated}}</td><td class="n">{{rejected}}</td><td class="n">{{durationSeconds}}</td><td class="n">{{hoursSinceSuccess}}</td></tr>
        {{/runs}}</table>
        {{^runs}}<p>None.</p>{{/runs}}
        <p class="meta">Generated by referrals-etl report from the views of schema {{schema}}.</p>
        </body>
        </html>

        """#

    /// A `BarChart` as inline SVG.
    static let chart = #"""
        {{^isEmpty}}<svg xmlns="http://www.w3.org/2000/svg" width="{{width}}" height="{{height}}" viewBox="0 0 {{width}} {{height}}" role="img" aria-label="{{title}}">
        <title>{{title}}</title>
        {{#bars}}<text x="{{labelX}}" y="{{textY}}" text-anchor="end">{{label}}</text><rect x="{{barX}}" y="{{y}}" width="{{width}}" height="18" rx="2"></rect><text x="{{figureX}}" y="{{textY}}">{{figure}}</text>
        {{/bars}}</svg>{{/isEmpty}}
        """#
}
