// The liaison board: The dashboard's settings and the state every part shares.

export const TOKEN_KEY = "corridor.token";
export const BOARD_POLL_MS = 4000;
export const FEED_WAIT_S = 25;
export const ACTIVITY_KEEP = 30;

export const state = {
  token: sessionStorage.getItem(TOKEN_KEY),
  boardTag: null,
  detailTag: null, // ETag of the notification shown, so a re-fetch is conditional
  board: null,
  lanes: null, // the last GET /v1/board/lanes answer
  lanesTag: null,
  lanesQuery: null,
  laneFilters: {}, // nation, priority, status, level, q as the filter form holds them
  laneShown: {}, // nation -> cards shown (kept across refreshes after "show more")
  refs: new Map(), // notification id -> reference
  skewMs: 0, // server time minus this browser's time
  cursor: null,
  feedRun: 0,
  pollTimer: null,
  refreshing: false,
  refreshAgain: false,
};
