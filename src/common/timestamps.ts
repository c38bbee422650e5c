import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

/**
 * Millisecond timestamps: what a JavaScript Date holds, so a keyset cursor built from one
 * compares exactly with the stored value.
 */
export const CreatedAt = () => CreateDateColumn({ type: 'timestamptz', precision: 3 });
export const UpdatedAt = () => UpdateDateColumn({ type: 'timestamptz', precision: 3 });
