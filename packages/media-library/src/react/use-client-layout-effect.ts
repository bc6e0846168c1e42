// A layout effect in the browser, a plain effect on a server (which has no layout, and where
// React 18 warns about layout effects).
import { useEffect, useLayoutEffect } from 'react';

export const useClientLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;
