using Kombu.Utils;

namespace Kombu.Celery;

/// <summary>A signature whose task returns <typeparamref name="TResult"/>: its results convert to that type.</summary>
/// <typeparam name="TResult">The task's return type.</typeparam>
public sealed class Signature<TResult> : Signature
{
    /// <inheritdoc cref="Signature(string, IEnumerable{object?}?, IDictionary{string, object?}?, TaskOptions?, bool, CeleryApp?)"/>
    public Signature(string task, IEnumerable<object?>? args = null, IDictionary<string, object?>? kwargs = null,
        TaskOptions? options = null, bool immutable = false, CeleryApp? app = null)
        : base(task, args, kwargs, options, immutable, app)
    {
    }

    /// <inheritdoc/>
    public override Signature WithOptions(TaskOptions options) =>
        new Signature<TResult>(Task, Args, AsDictionary(Kwargs), options, Immutable, App);

    /// <inheritdoc/>
    public override Signature Clone(IEnumerable<object?>? partialArgs = null) =>
        new Signature<TResult>(Task, Immutable ? Args : [.. partialArgs ?? [], .. Args], AsDictionary(Kwargs), Options, Immutable, App);

    /// <summary>Sends the task and returns its typed result handle.</summary>
    /// <param name="app">The app to send with; <see cref="Signature.App"/> when <see langword="null"/>.</param>
    /// <returns>The typed result handle.</returns>
    public new AsyncResult<TResult> Send(CeleryApp? app = null) => SyncOverAsync.Wait(SendTypedAsync(app));

    /// <inheritdoc cref="Send"/>
    /// <param name="app">The app to send with.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    public async ValueTask<AsyncResult<TResult>> SendTypedAsync(CeleryApp? app = null, CancellationToken cancellationToken = default)
    {
        var result = await SendAsync(app, cancellationToken).ConfigureAwait(false);
        return new AsyncResult<TResult>(result.Id, result.App, result.Parent);
    }

    /// <summary>Sends the task with extra positional arguments put in front (Celery's <c>delay</c>).</summary>
    /// <param name="args">The extra arguments.</param>
    /// <returns>The typed result handle.</returns>
    public new AsyncResult<TResult> Delay(params object?[] args) => ((Signature<TResult>)Clone(args)).Send(App);
}
