package io.emrys.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrys.common.Account;
import io.emrys.common.AccountQuotas;
import io.emrys.common.ResourceIds;
import java.time.Clock;

/**
 * What every resource service is built from: the account it serves, the store and its idempotency tokens, new
 * resource ids and the clock. One per control plane; the modules of each concept take it instead of six arguments.
 */
public record ServiceContext(Account account, Transactions transactions, ObjectMapper json, IdempotencyTokens tokens, ResourceIds ids, Clock clock,
        AccountQuotas quotas)
{
    /** With the default account quotas. */
    public ServiceContext(Account account, Transactions transactions, ObjectMapper json, IdempotencyTokens tokens, ResourceIds ids, Clock clock)
    {
        this(account, transactions, json, tokens, ids, clock, AccountQuotas.DEFAULTS);
    }

    public ServiceContext
    {
        requireNonNull(account, "account is null");
        requireNonNull(transactions, "transactions is null");
        requireNonNull(json, "json is null");
        requireNonNull(tokens, "tokens is null");
        requireNonNull(ids, "ids is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(quotas, "quotas is null");
    }
}
