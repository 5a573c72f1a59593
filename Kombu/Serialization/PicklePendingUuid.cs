namespace Kombu.Serialization;

/// <summary>A <c>uuid.UUID</c> made by <c>NEWOBJ</c> or <c>copyreg._reconstructor</c> whose state arrives with <c>BUILD</c>.</summary>
internal sealed class PicklePendingUuid
{
    /// <summary>The value, once <c>BUILD</c> has set it.</summary>
    public Guid? Value { get; set; }
}
