/**
 * French strings of the error pages, on their own: the last-resort page (src/app/global-error.tsx), which runs
 * without the layout's catalog, imports only these instead of the whole catalog into every page's first load.
 */
export const errorPageFr = {
  title: "Une erreur est survenue",
  description: "Une erreur inattendue s’est produite. Vous pouvez réessayer ou revenir à l’accueil.",
  reference: "Référence : {id}",
  retry: "Réessayer",
};
