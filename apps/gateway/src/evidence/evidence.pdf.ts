import PDFDocument from 'pdfkit';
import type { EvidenceDecision, EvidencePack } from '#contracts';

const MARGIN = 36;
const BODY = 7.5;

/** The standard PDF fonts cover Latin-1 only: other characters are shown as `?` (the JSON pack keeps them). */
function latin1(text: string): string {
  return text.replace(/→/g, '->').replace(/[–—]/g, '-').replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}

/**
 * The evidence pack as one A4 page an officer can file, drawn with pdfkit. Lines that would not fit
 * on the page are left out, and the page says how many; the JSON pack is always complete.
 */
export function evidencePdf(pack: EvidencePack): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `Evidence pack of match ${pack.matchId}`, Subject: 'UN 1718 screening evidence' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN - 2 * BODY;
  let skipped = 0;
  const write = (text: string, size = BODY, font = 'Helvetica') => {
    doc.font(font).fontSize(size);
    const t = latin1(text);
    if (doc.y + doc.heightOfString(t, { width }) > bottom) {
      skipped++;
      return;
    }
    doc.text(t, MARGIN, doc.y, { width });
  };
  const heading = (text: string) => {
    doc.moveDown(0.3);
    write(text, 9, 'Helvetica-Bold');
  };

  write('Tumen: evidence pack of a screened match', 13, 'Helvetica-Bold');
  write(`Match ${pack.matchId} · generated ${pack.generatedAt}`, 8);
  write(`Company ${pack.match.companyId} · opportunity ${pack.match.opportunityId} · sector ${pack.match.sector} · score ${pack.match.score}`);
  write(`VERDICT: ${pack.match.verdict.toUpperCase()}`, 11, 'Helvetica-Bold');

  heading('Files and versions');
  write(`List version ${pack.list?.version ?? 'none loaded'} · SHA-256 ${pack.list?.sha256 ?? '-'}`);
  write(`Rules version ${pack.rules.version} · SHA-256 ${pack.rules.sha256 ?? 'not held (another rules version is in force)'}`);
  write(`Matcher ${pack.matcher.version} · possible hit at ${pack.matcher.possibleAt}, designated at ${pack.matcher.designatedAt}`);

  heading('Party decisions');
  for (const d of [pack.decisions.company, pack.decisions.opportunity]) decisionLines(d, write);

  heading('Rules cited');
  if (!pack.rules.cited.length) write('none');
  for (const r of pack.rules.cited) {
    write(`${r.id} → ${r.verdict} · resolution ${r.resolution ?? '-'} ${r.paragraph ?? ''} · evidence ${r.evidence} (${r.verified ? 'verified' : 'NOT verified'})`);
    write(`   ${r.title}`);
  }

  heading('Dismissals');
  if (!pack.dismissals.length) write('none');
  for (const d of pack.dismissals) {
    write(`${d.state.toUpperCase()} · ${d.party} "${d.name}" on ${d.referenceNumber} (${d.listedName}) · by ${d.officer.name} (${d.officer.id}) at ${d.createdAt} · expires ${d.expiresAt}${d.endReason ? ` · ended ${d.endedAt}: ${d.endReason}` : ''}`);
    write(`   reason: ${d.reason}`);
  }

  heading('Introductions and approvals');
  if (!pack.introductions.length) write('none');
  for (const i of pack.introductions) {
    write(`Introduction ${i.id}: ${i.status} · asked ${i.createdAt}${i.decidedAt ? ` · decided ${i.decidedAt}` : ''}${i.exemptionReference ? ` · exemption ${i.exemptionReference}` : ''}`);
    for (const a of pack.approvals.filter((x) => x.introductionId === i.id)) {
      write(`   approved by ${a.officer.name} (${a.officer.id}) at ${a.approvedAt} under verdict ${a.verdict}${a.exemptionReference ? ` citing ${a.exemptionReference}` : ''}`);
    }
  }
  if (skipped) write(`${skipped} more lines do not fit on this page: GET /v1/matches/${pack.matchId}/evidence (JSON) holds them all.`, BODY, 'Helvetica-Oblique');
  doc.end();
  return done;
}

function decisionLines(d: EvidenceDecision, write: (text: string, size?: number, font?: string) => void): void {
  write(`${d.kind} decision ${d.id}: ${d.verdict} · party ${d.partyId} v${d.partyVersion} · list ${d.listVersion ?? '-'} · rules ${d.rulesVersion ?? '-'} · ${d.decidedAt}${d.screened ? '' : ' · NOT SCREENED'}`, BODY, 'Helvetica-Bold');
  for (const h of d.listHits) write(`   hit (${h.strength}): ${h.party} "${h.name}" ~ ${h.referenceNumber} ${h.listedName} (${h.type}, ${h.regime}) score ${h.score}: ${h.explanation}`);
  for (const h of d.dismissedHits) write(`   dismissed hit: ${h.party} "${h.name}" ~ ${h.referenceNumber} ${h.listedName} score ${h.score} (dismissal ${h.dismissalId}): ${h.explanation}`);
  for (const r of d.reasons) write(`   · ${r}`);
}
