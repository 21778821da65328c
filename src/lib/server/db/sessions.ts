/** Lucia's session storage, on Kysely, so that sessions live in the same database as everything else. */
import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia';
import type { Db } from './connection';

const toSession = (row: { id: string; user_id: string; expires_at: number }): DatabaseSession => ({
	id: row.id,
	userId: row.user_id,
	expiresAt: new Date(row.expires_at * 1000),
	attributes: {}
});

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

export class KyselySessionAdapter implements Adapter {
	constructor(private readonly db: Db) {}

	async getSessionAndUser(
		sessionId: string
	): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
		const row = await this.db
			.selectFrom('sessions')
			.innerJoin('users', 'users.id', 'sessions.user_id')
			.select([
				'sessions.id',
				'sessions.user_id',
				'sessions.expires_at',
				'users.email',
				'users.display_name',
				'users.locale'
			])
			.where('sessions.id', '=', sessionId)
			.executeTakeFirst();
		if (!row) return [null, null];
		return [
			toSession(row),
			{
				id: row.user_id,
				attributes: { email: row.email, displayName: row.display_name, locale: row.locale }
			}
		];
	}

	async getUserSessions(userId: string): Promise<DatabaseSession[]> {
		const rows = await this.db
			.selectFrom('sessions')
			.selectAll()
			.where('user_id', '=', userId)
			.execute();
		return rows.map(toSession);
	}

	async setSession(session: DatabaseSession): Promise<void> {
		await this.db
			.insertInto('sessions')
			.values({ id: session.id, user_id: session.userId, expires_at: seconds(session.expiresAt) })
			.execute();
	}

	async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
		await this.db
			.updateTable('sessions')
			.set({ expires_at: seconds(expiresAt) })
			.where('id', '=', sessionId)
			.execute();
	}

	async deleteSession(sessionId: string): Promise<void> {
		await this.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
	}

	async deleteUserSessions(userId: string): Promise<void> {
		await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
	}

	async deleteExpiredSessions(): Promise<void> {
		await this.db.deleteFrom('sessions').where('expires_at', '<=', seconds(new Date())).execute();
	}
}
