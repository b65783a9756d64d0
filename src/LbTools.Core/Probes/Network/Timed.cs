using System;
using System.Threading;
using System.Threading.Tasks;

namespace LbTools.Core.Probes.Network
{
    /// <summary>Runs a step with a deadline that also honours the caller's cancellation.</summary>
    internal static class Timed
    {
        /// <summary>
        /// Awaits <paramref name="task"/> for at most <paramref name="timeout"/>. Returns false on
        /// timeout; throws OperationCanceledException when the caller cancels. The caller must
        /// dispose what the task works on, so an abandoned task ends too.
        /// </summary>
        public static async Task<bool> WaitAsync(Task task, TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(timeout, delayCancel.Token);
            var finished = await Task.WhenAny(task, delay).ConfigureAwait(false);
            delayCancel.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
            if (finished != task)
            {
                ObserveLater(task);
                return false;
            }

            await task.ConfigureAwait(false);
            return true;
        }

        private static void ObserveLater(Task task) =>
            task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
