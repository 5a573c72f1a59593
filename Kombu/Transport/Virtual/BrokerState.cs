using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Kombu.Transport.Virtual;

/// <summary>The exchanges and bindings a virtual transport emulates; safe to use from many threads.</summary>
/// <remarks>
/// Kombu's <c>BrokerState</c>. Most virtual transports keep one per transport (exchange declarations live in the
/// declaring process only); the memory transport shares one across the process.
/// </remarks>
public class BrokerState
{
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<string, ExchangeInfo> _exchanges = new(StringComparer.Ordinal);
    private readonly Dictionary<BindingKey, BindingEntry> _bindings = [];
    private readonly Dictionary<string, HashSet<BindingKey>> _queueIndex = new(StringComparer.Ordinal);

    /// <summary>Declared exchanges by name.</summary>
    public IReadOnlyDictionary<string, ExchangeInfo> Exchanges => _exchanges;

    /// <summary>A snapshot of the active bindings.</summary>
    public IReadOnlyCollection<BindingKey> Bindings
    {
        get
        {
            lock (_lock)
                return [.. _bindings.Keys];
        }
    }

    /// <summary>Finds a declared exchange.</summary>
    /// <param name="exchange">Exchange name.</param>
    /// <param name="info">The declaration, when found.</param>
    /// <returns><see langword="true"/> when the exchange is declared.</returns>
    public bool TryGetExchange(string exchange, [MaybeNullWhen(false)] out ExchangeInfo info) =>
        _exchanges.TryGetValue(exchange, out info);

    /// <summary>Declares an exchange unless one of that name exists.</summary>
    /// <param name="exchange">Exchange name.</param>
    /// <param name="info">The declaration to add.</param>
    /// <returns>The declaration now in force: <paramref name="info"/> or the earlier one.</returns>
    public ExchangeInfo GetOrAddExchange(string exchange, ExchangeInfo info) => _exchanges.GetOrAdd(exchange, info);

    /// <summary>Removes an exchange and every binding to it.</summary>
    /// <param name="exchange">Exchange name.</param>
    /// <returns>The bindings removed with it.</returns>
    public IReadOnlyList<(string Exchange, BindingEntry Entry)> DeleteExchange(string exchange)
    {
        lock (_lock)
        {
            var removed = new List<(string, BindingEntry)>();
            if (_exchanges.TryRemove(exchange, out var info))
            {
                foreach (var entry in info.TableArray)
                {
                    var key = new BindingKey(entry.Queue, exchange, entry.RoutingKey);
                    if (RemoveIndexed(key))
                        removed.Add((exchange, entry));
                }
                info.TableArray = [];
            }
            return removed;
        }
    }

    /// <summary>Whether <paramref name="queue"/> is bound to <paramref name="exchange"/> with <paramref name="routingKey"/>.</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="exchange">Exchange name.</param>
    /// <param name="routingKey">Binding key.</param>
    /// <returns><see langword="true"/> when the binding exists.</returns>
    public bool HasBinding(string queue, string exchange, string routingKey)
    {
        lock (_lock)
            return _bindings.ContainsKey(new BindingKey(queue, exchange, routingKey));
    }

    /// <summary>Adds a binding and its table entry unless the binding exists.</summary>
    /// <param name="exchange">Exchange name.</param>
    /// <param name="entry">The table entry, as the exchange type prepared it.</param>
    /// <returns><see langword="true"/> when the binding was added.</returns>
    public bool DeclareBinding(string exchange, BindingEntry entry)
    {
        var key = new BindingKey(entry.Queue, exchange, entry.RoutingKey);
        lock (_lock)
        {
            if (!_bindings.TryAdd(key, entry))
                return false;
            if (!_queueIndex.TryGetValue(entry.Queue, out var keys))
                _queueIndex[entry.Queue] = keys = [];
            keys.Add(key);
            if (_exchanges.TryGetValue(exchange, out var info))
                info.TableArray = [.. info.TableArray, entry];
            return true;
        }
    }

    /// <summary>Removes a binding and its table entry.</summary>
    /// <param name="queue">Queue name.</param>
    /// <param name="exchange">Exchange name.</param>
    /// <param name="routingKey">Binding key.</param>
    /// <returns>The removed table entry, or <see langword="null"/> when there was no such binding.</returns>
    public BindingEntry? DeleteBinding(string queue, string exchange, string routingKey)
    {
        var key = new BindingKey(queue, exchange, routingKey);
        lock (_lock)
        {
            if (!_bindings.TryGetValue(key, out var entry))
                return null;
            RemoveIndexed(key);
            RemoveFromTable(key);
            return entry;
        }
    }

    /// <summary>Lists the bindings of a queue.</summary>
    /// <param name="queue">Queue name.</param>
    /// <returns>Exchange and table entry of each binding.</returns>
    public IReadOnlyList<(string Exchange, BindingEntry Entry)> QueueBindings(string queue)
    {
        lock (_lock)
        {
            if (!_queueIndex.TryGetValue(queue, out var keys))
                return [];
            var result = new List<(string, BindingEntry)>(keys.Count);
            foreach (var key in keys)
                result.Add((key.Exchange, _bindings[key]));
            return result;
        }
    }

    /// <summary>Removes every binding of a queue and their table entries.</summary>
    /// <param name="queue">Queue name.</param>
    /// <returns>The bindings removed.</returns>
    public IReadOnlyList<(string Exchange, BindingEntry Entry)> DeleteQueueBindings(string queue)
    {
        lock (_lock)
        {
            var removed = QueueBindings(queue);
            foreach (var (exchange, entry) in removed)
            {
                var key = new BindingKey(queue, exchange, entry.RoutingKey);
                RemoveIndexed(key);
                RemoveFromTable(key);
            }
            return removed;
        }
    }

    /// <summary>Forgets every exchange and binding.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _exchanges.Clear();
            _bindings.Clear();
            _queueIndex.Clear();
        }
    }

    private bool RemoveIndexed(BindingKey key)
    {
        if (!_bindings.Remove(key))
            return false;
        if (_queueIndex.TryGetValue(key.Queue, out var keys) && keys.Remove(key) && keys.Count == 0)
            _queueIndex.Remove(key.Queue);
        return true;
    }

    private void RemoveFromTable(BindingKey key)
    {
        if (!_exchanges.TryGetValue(key.Exchange, out var info))
            return;
        var table = info.TableArray;
        var kept = new List<BindingEntry>(table.Length);
        foreach (var entry in table)
        {
            if (entry.Queue != key.Queue || entry.RoutingKey != key.RoutingKey)
                kept.Add(entry);
        }
        info.TableArray = [.. kept];
    }
}
