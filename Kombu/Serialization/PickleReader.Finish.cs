using System.Collections.Frozen;

namespace Kombu.Serialization;

/// <content>The pass that turns the unpickled graph into the public shapes.</content>
internal sealed partial class PickleReader
{
    private const int MaxDepth = 1000;
    private readonly Dictionary<object, object?> _done = new(ReferenceEqualityComparer.Instance);

    /// <summary>Resolves pending UUIDs, turns string-keyed dicts into <c>Dictionary&lt;string, object?&gt;</c> and rejects leftovers.</summary>
    private object? Finish(object? value, int depth = 0)
    {
        if (depth > MaxDepth)
            throw Bad($"values nested more than {MaxDepth} levels deep");
        switch (value)
        {
            case null or string or bool or long or double or byte[] or System.Numerics.BigInteger or DateTime or
                DateTimeOffset or DateOnly or TimeOnly or TimeSpan or decimal or Guid:
                return value;
            case PicklePendingUuid pending:
                return pending.Value ?? throw Bad("uuid.UUID without state (no BUILD)");
            case PickleGlobal or PickleTimeZone:
                throw Bad($"a bare {Describe(value)} is not plain data");
        }
        if (_done.TryGetValue(value, out var seen))
            return seen;
        switch (value)
        {
            case List<object?> list:
                _done[value] = list;
                for (var i = 0; i < list.Count; i++)
                    list[i] = Finish(list[i], depth + 1);
                return list;
            case object?[] tuple:
                _done[value] = tuple;
                for (var i = 0; i < tuple.Length; i++)
                    tuple[i] = Finish(tuple[i], depth + 1);
                return tuple;
            case Dictionary<object, object?> dict:
                return FinishDict(dict, depth);
            case HashSet<object?> set:
                _done[value] = set;
                var members = set.ToList();
                set.Clear();
                foreach (var item in members)
                    set.Add(Finish(item, depth + 1));
                return set;
            case FrozenSet<object?> frozen:
                var finished = frozen.Select(item => Finish(item, depth + 1)).ToFrozenSet(PythonKeyComparer.Instance);
                _done[value] = finished;
                return finished;
            default:
                throw Bad($"unexpected {Describe(value)} in the result");
        }
    }

    private object FinishDict(Dictionary<object, object?> dict, int depth)
    {
        if (dict.Keys.All(static k => k is string))
        {
            var map = new Dictionary<string, object?>(dict.Count, StringComparer.Ordinal);
            _done[dict] = map;
            foreach (var (key, item) in dict)
                map[(string)key] = Finish(item, depth + 1);
            return map;
        }
        _done[dict] = dict;
        foreach (var key in dict.Keys.ToList())
        {
            Finish(key, depth + 1);
            dict[key] = Finish(dict[key], depth + 1);
        }
        return dict;
    }
}
