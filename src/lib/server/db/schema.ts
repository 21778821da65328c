/** Table types for Kysely. Columns are snake_case here and mapped to camelCase in each module. */
import type { Generated } from 'kysely';

export interface MaturityModelsTable {
	id: string;
	model_key: string;
	version: string;
	name: string;
	/** The validated model as JSON. */
	content: string;
	is_default: Generated<number>;
	created_at: Generated<string>;
}

export interface Database {
	maturity_models: MaturityModelsTable;
}
