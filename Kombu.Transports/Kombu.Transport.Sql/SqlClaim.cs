namespace Kombu.Transport.Sql;

/// <summary>A message row claimed by a consumer and not settled yet: its id and the negative version the claim gave it.</summary>
/// <param name="Id">The row id.</param>
/// <param name="Version">The row's version while this claim holds it (negative).</param>
internal readonly record struct SqlClaim(long Id, int Version);
