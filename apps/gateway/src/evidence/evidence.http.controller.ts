import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { EvidencePack } from '#contracts';
import { DomainError } from '#platform';
import { StaffOnly } from '../auth/api-key.guard.js';
import { uuidParam } from '../http-params.js';
import { evidencePdf } from './evidence.pdf.js';
import { EvidenceService } from './evidence.service.js';

@ApiTags('evidence')
@ApiSecurity('api-key')
@StaffOnly()
@Controller('v1/matches')
export class EvidenceHttpController {
  constructor(private readonly evidence: EvidenceService) {}

  @Get(':id/evidence')
  @ApiOperation({
    summary: "A match's evidence pack, as JSON or as a one-page PDF (admin or officer)",
    description:
      'Everything needed to defend or re-check the verdict: the list version and the SHA-256 of its file, the rules version and the SHA-256 of the rules file, ' +
      "the matcher's version, both party decisions with what each was screened on and each hit's explanation (dismissed hits apart), the rules cited with " +
      'resolution, paragraph and evidence tag (verified or not), every dismissal and every approval with who and when. ' +
      'JSON by default; a PDF with `Accept: application/pdf` or `?format=pdf`.',
  })
  @ApiProduces('application/json', 'application/pdf')
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'pdf'] })
  @ApiResponse({ status: 200, description: 'The pack (JSON: EvidencePack) or its PDF' })
  @ApiResponse({ status: 400, description: 'id is not a UUID, or format is not json or pdf' })
  @ApiResponse({ status: 403, description: 'A partner key: the pack names officers and other parties' })
  @ApiResponse({ status: 404, description: 'No such match' })
  async get(@Param('id') id: string, @Query('format') format: string | undefined, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<EvidencePack | undefined> {
    if (format !== undefined && format !== 'json' && format !== 'pdf') throw DomainError.validation([{ field: 'format', reason: 'must be json or pdf' }]);
    const matchId = uuidParam('id', id);
    // JSON unless asked for a PDF, by the query or by an Accept header that prefers it.
    const pdf = format === 'pdf' || (format === undefined && request.accepts(['application/json', 'application/pdf']) === 'application/pdf');
    const pack = await this.evidence.pack(matchId);
    if (!pdf) return pack;
    const bytes = await evidencePdf(pack);
    response.status(200).setHeader('content-type', 'application/pdf').setHeader('content-disposition', `attachment; filename="evidence-${matchId}.pdf"`);
    response.end(bytes);
    return undefined;
  }
}
