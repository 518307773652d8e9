// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // Language selectors submit on change (a <noscript> button covers the rest).
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
  // The navigation collapses behind a button on narrow screens.
  document.querySelectorAll("[data-toggle-nav]").forEach((button) => {
    button.addEventListener("click", () => {
      const nav = document.getElementById(button.getAttribute("aria-controls"));
      const open = nav.classList.toggle("open");
      button.setAttribute("aria-expanded", String(open));
    });
  });
});
