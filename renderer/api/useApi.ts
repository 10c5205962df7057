import { useCallback, useEffect, useState } from 'react';
import type { Channel, InputOf, ResultOf } from '../../shared/contract';
import { api, errorMessage } from './client';

export interface ApiState<T> {
  data: T | undefined;
  loading: boolean;
  error: string | undefined;
  reload: () => void;
}

/** Loads a channel's result and reloads when the input changes (compared as JSON). */
export function useApi<C extends Channel>(channel: C, input: InputOf<C> | null): ApiState<ResultOf<C>> {
  const [data, setData] = useState<ResultOf<C>>();
  const [loading, setLoading] = useState(input !== null);
  const [error, setError] = useState<string>();
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(input);
  useEffect(() => {
    if (input === null) return;
    let live = true;
    setLoading(true);
    api(channel, input)
      .then((r) => live && (setData(r), setError(undefined)))
      .catch((e) => live && setError(errorMessage(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [channel, key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, loading, error, reload };
}
