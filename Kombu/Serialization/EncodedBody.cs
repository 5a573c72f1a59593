namespace Kombu.Serialization;

/// <summary>A serialized body with the content type and encoding that describe it.</summary>
/// <param name="ContentType">MIME type, such as <c>application/json</c>.</param>
/// <param name="ContentEncoding">Character set, such as <c>utf-8</c>, or <c>binary</c>.</param>
/// <param name="Data">The serialized bytes.</param>
public readonly record struct EncodedBody(string ContentType, string ContentEncoding, byte[] Data);
