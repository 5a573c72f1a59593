using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Kombu.Common;

/// <summary>Object identifiers unique to an object in a thread of a process, as Kombu's pidbox reply queues use.</summary>
/// <remarks>Holds Kombu's <c>kombu.common.generate_oid</c>, <c>oid_from</c> and <c>get_node_id</c>.</remarks>
public static class Oids
{
    // uuid.NAMESPACE_OID, 6ba7b812-9dad-11d1-80b4-00c04fd430c8, in network byte order.
    private static readonly byte[] NamespaceOid =
        [0x6b, 0xa7, 0xb8, 0x12, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8];

    private static readonly Lazy<UInt128> Node = new(() =>
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return new UInt128(BitConverter.ToUInt64(bytes), BitConverter.ToUInt64(bytes[8..]));
    });

    /// <summary>A random number drawn once per process that stands for this node.</summary>
    /// <remarks>Kombu's <c>get_node_id</c>, which is <c>uuid4().int</c> drawn once.</remarks>
    public static UInt128 NodeId => Node.Value;

    /// <summary>Derives a name-based (version 3) UUID from a node, a process, a thread and an object.</summary>
    /// <param name="nodeId">The node, such as <see cref="NodeId"/>.</param>
    /// <param name="processId">The process id.</param>
    /// <param name="threadId">The thread id, or 0.</param>
    /// <param name="instance">The object; its identity hash code stands for Python's <c>id(instance)</c>.</param>
    /// <returns>The UUID as a lower-case hyphenated string.</returns>
    /// <remarks>Kombu's <c>generate_oid</c>: <c>uuid3(NAMESPACE_OID, "node-process-thread-id")</c> in hexadecimal.</remarks>
    public static string GenerateOid(UInt128 nodeId, long processId, long threadId, object instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return GenerateOid(nodeId, processId, threadId, (uint)RuntimeHelpers.GetHashCode(instance));
    }

    /// <summary>The oid of an object in the calling thread (or in any thread) of this process.</summary>
    /// <param name="instance">The object.</param>
    /// <param name="threads">Whether the calling thread is part of the identity (default true).</param>
    /// <returns>The UUID as a lower-case hyphenated string.</returns>
    /// <remarks>Kombu's <c>oid_from</c>.</remarks>
    public static string OidFrom(object instance, bool threads = true) =>
        GenerateOid(NodeId, Environment.ProcessId, threads ? Environment.CurrentManagedThreadId : 0, instance);

    internal static string GenerateOid(UInt128 nodeId, long processId, long threadId, long instanceId)
    {
        var name = string.Create(CultureInfo.InvariantCulture,
            $"{nodeId:x}-{processId:x}-{threadId:x}-{instanceId:x}");
        var input = new byte[NamespaceOid.Length + Encoding.UTF8.GetByteCount(name)];
        NamespaceOid.CopyTo(input, 0);
        Encoding.UTF8.GetBytes(name, input.AsSpan(NamespaceOid.Length));
        // RFC 4122 version 3 is defined on MD5; it names the object and protects nothing.
#pragma warning disable CA5351
        var hash = MD5.HashData(input);
#pragma warning restore CA5351
        hash[6] = (byte)((hash[6] & 0x0F) | 0x30);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash, bigEndian: true).ToString("D");
    }
}
