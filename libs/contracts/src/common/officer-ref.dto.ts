import { IsUUID } from 'class-validator';
import { Text } from './text.js';

/** Who acted: a compliance officer, by id and by name as the audit log keeps them. */
export class OfficerRefDto {
  @IsUUID()
  id!: string;

  @Text(1, 200)
  name!: string;
}
