/**
 * React StrictMode runs mount effects, their cleanups and the effects again in one task, so a
 * `start()` in a user's mount effect would send a request, abort it and send a second one.
 * A task guard makes an action called again in the same task with equal arguments return the
 * first call's result instead. Any `clearing` action in between (stop, reset, retry) forgets
 * it, so start → stop → start still restarts.
 */
export function createTaskGuard() {
  let generation = 0
  return {
    once<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
      let last: { args: A; result: R; generation: number } | undefined
      return (...args) => {
        if (last && last.generation === generation && sameArgs(last.args, args)) return last.result
        const entry = { args, result: fn(...args), generation }
        last = entry
        queueMicrotask(() => {
          if (last === entry) last = undefined
        })
        return entry.result
      }
    },
    clearing<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
      return (...args) => {
        generation += 1
        return fn(...args)
      }
    },
  }
}

// A StrictMode re-run builds its arguments afresh (`start({ prompt })`), so objects compare by value.
function sameArgs(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false
  return a.every((value, i) => Object.is(value, b[i]) || sameJson(value, b[i]))
}

function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  try {
    return JSON.stringify(a) === JSON.stringify(b)
  } catch {
    return false
  }
}
