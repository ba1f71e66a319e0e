import type { QueryOf, RequestOf, ResponseOf } from '../../api/types';

export type PipelineStage = ResponseOf<'/api/v1/pipeline/stages', 'get'>['items'][number];
export type StageInput = RequestOf<'/api/v1/pipeline/stages', 'post'>;
export type StagePatch = RequestOf<'/api/v1/pipeline/stages/{id}', 'patch'>;
export type DealBoard = ResponseOf<'/api/v1/deals/board', 'get'>;
export type BoardColumn = DealBoard['columns'][number];
export type Deal = BoardColumn['deals'][number];
export type DealDetail = ResponseOf<'/api/v1/deals/{id}', 'get'>;
export type DealPage = ResponseOf<'/api/v1/deals', 'get'>;
export type DealListQuery = QueryOf<'/api/v1/deals', 'get'>;
export type DealInput = RequestOf<'/api/v1/deals', 'post'>;
export type DealPatch = RequestOf<'/api/v1/deals/{id}', 'patch'>;
export type DealMove = RequestOf<'/api/v1/deals/{id}/move', 'post'>;
export type StageRef = Deal['stage'];
