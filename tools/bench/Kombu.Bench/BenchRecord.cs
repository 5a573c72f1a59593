using System.Text.Json.Serialization;

namespace Kombu.Bench;

/// <summary>The benchmark body as a typed record, read and written with source-generated System.Text.Json metadata.</summary>
/// <param name="I">The message number.</param>
/// <param name="Task">Always <c>bench</c>.</param>
/// <param name="Pad">Padding to the body size.</param>
public sealed record BenchRecord(
    [property: JsonPropertyName("i")] long I,
    [property: JsonPropertyName("task")] string Task,
    [property: JsonPropertyName("pad")] string Pad);
