import { call } from './client';
import type { Account } from './bindings/Account';
import type { AccountUpdate } from './bindings/AccountUpdate';
import type { NewAccount } from './bindings/NewAccount';

export type AccountId = Account['id'];

export const listAccounts = () => call<Account[]>('list_accounts');

export const addAccount = (input: NewAccount) => call<Account>('add_account', { input });

export const updateAccount = (id: AccountId, input: AccountUpdate) =>
  call<Account>('update_account', { id, input });

export const deactivateAccount = (id: AccountId) => call<Account>('deactivate_account', { id });

export const reactivateAccount = (id: AccountId, temporaryPassword: string) =>
  call<Account>('reactivate_account', { id, temporaryPassword });

export const resetAccountPassword = (id: AccountId, temporaryPassword: string) =>
  call<Account>('reset_account_password', { id, temporaryPassword });
