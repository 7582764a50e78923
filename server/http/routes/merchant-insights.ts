import { Router, type Request, type Response } from 'express';
import { openMerchantScope } from '../../merchants/merchant-scope.js';
import { loadSentimentReport, reviewsToExport, type SentimentReport } from '../../merchants/sentiment.js';
import type { Services } from '../../wiring.js';
import { requireSignIn } from '../middleware/require-role.js';
import { csvTable } from '../view-models/csv-table.js';
import { merchantBase, merchantChrome } from '../view-models/merchant-area.js';
import { csatChart, followUpTimesChart, npsChart, starsByProductChart } from '../view-models/sentiment-charts.js';
import { sentimentView } from '../view-models/sentiment-view.js';

const p = (req: Request, name: string) => String(req.params[name]);

function sendCsv(res: Response, filename: string, body: string) {
  // An attachment with a fixed, safe file name; never cached (it is the merchant's own data).
  res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' });
  res.send(body);
}

/** One row per month and one "all" row: the dashboard's figures, the same counts behind every number. */
function metricsCsv(report: SentimentReport): string {
  const hours = (h: number | null) => (h === null ? null : round(h));
  const row = (month: string, r: Pick<SentimentReport['overall'], 'csat' | 'nps'>, f: SentimentReport['series'][number]['followUp']) => [
    month,
    r.csat.total,
    r.csat.satisfied,
    r.csat.share === null ? null : round(r.csat.share * 100),
    r.csat.interval ? round(r.csat.interval.low * 100) : null,
    r.csat.interval ? round(r.csat.interval.high * 100) : null,
    r.nps.total,
    r.nps.promoters,
    r.nps.passives,
    r.nps.detractors,
    r.nps.score === null ? null : round(r.nps.score),
    r.nps.interval ? round(r.nps.interval.low) : null,
    r.nps.interval ? round(r.nps.interval.high) : null,
    f.poor,
    f.answered,
    f.resolved,
    hours(f.medianResponseHours),
    hours(f.medianResolutionHours),
  ];
  return csvTable(
    [
      'month',
      'verified_reviews',
      'satisfied_4_5_stars',
      'csat_percent',
      'csat_wilson95_low',
      'csat_wilson95_high',
      'nps_answers',
      'promoters',
      'passives',
      'detractors',
      'nps',
      'nps_95_low',
      'nps_95_high',
      'poor_reviews_1_3_stars',
      'answered',
      'resolved_by_author',
      'median_hours_to_answer',
      'median_hours_to_resolved',
    ],
    [...report.series.map((m) => row(m.month, m, m.followUp)), row('all', report.overall, report.times)],
  );
}

const round = (n: number) => Math.round(n * 10) / 10;

/** CSAT and NPS for the merchant team (every member may look), with the CSV exports. */
export function createMerchantInsightsRouter(services: Services): Router {
  const router = Router();
  const { db } = services;
  const scopeOf = (req: Request) => openMerchantScope(db, req.user!.id, p(req, 'merchantId'));

  router.get('/merchant/:merchantId/insights', requireSignIn, async (req, res) => {
    const scope = await scopeOf(req);
    const report = await loadSentimentReport(db, scope, services.clock());
    res.render('merchant/insights', {
      title: `CSAT and NPS · ${scope.merchant.name}`,
      ...merchantChrome(scope, 'insights'),
      ...sentimentView(report),
      charts: {
        csat: csatChart(report.series),
        nps: npsChart(report.series),
        times: followUpTimesChart(report.series),
        stars: starsByProductChart(report.products),
      },
      exports: { reviews: `${merchantBase(scope)}/insights/reviews.csv`, metrics: `${merchantBase(scope)}/insights/metrics.csv` },
    });
  });

  router.get('/merchant/:merchantId/insights/metrics.csv', requireSignIn, async (req, res) => {
    const scope = await scopeOf(req);
    sendCsv(res, `candor-metrics-${scope.merchant.id}.csv`, metricsCsv(await loadSentimentReport(db, scope, services.clock())));
  });

  router.get('/merchant/:merchantId/insights/reviews.csv', requireSignIn, async (req, res) => {
    const scope = await scopeOf(req);
    const rows = await reviewsToExport(db, scope);
    sendCsv(
      res,
      `candor-reviews-${scope.merchant.id}.csv`,
      csvTable(
        [
          'review_id',
          'created_at',
          'product',
          'sku',
          'rating',
          'verified_purchase',
          'recommend_0_10',
          'author',
          'title',
          'body',
          'answered_at',
          'make_good',
          'author_outcome',
        ],
        rows.map((r) => [
          r.id,
          r.createdAt.toISOString(),
          r.productName,
          r.sku,
          r.rating,
          r.verified,
          r.recommendScore,
          r.authorName,
          r.title,
          r.body,
          r.replyAt?.toISOString() ?? null,
          r.makeGood,
          r.outcome,
        ]),
      ),
    );
  });

  return router;
}
