using System.Text.Json.Serialization;

namespace Kombu.Bench;

/// <summary>Source-generated System.Text.Json metadata for <see cref="BenchRecord"/>.</summary>
[JsonSerializable(typeof(BenchRecord))]
public sealed partial class BenchJsonContext : JsonSerializerContext;
