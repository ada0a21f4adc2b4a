/**
 * English strings of the error pages, on their own: the last-resort page (src/app/global-error.tsx), which runs
 * without the layout's catalog, imports only these instead of the whole catalog into every page's first load.
 */
export const errorPageEn = {
  title: "Something went wrong",
  description: "An unexpected error occurred. You can try again, or go back home.",
  reference: "Reference: {id}",
  retry: "Try again",
};
