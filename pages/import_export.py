"""Bring organizations in from other lists, send them out, and keep backups."""

import streamlit as st

from ui import auth, export_views, frame, import_views, sync_views
from ui.i18n import _

frame.ensure_app_frame(required="export_full")

st.title(_("Import and export"))
tab_in, tab_sync, tab_place, tab_out, tab_backup = st.tabs(
    [
        _("Import"),
        _("Sync with a feed"),
        _("Needs a location"),
        _("Export"),
        _("Backup and restore"),
    ]
)
with tab_in:
    st.caption(
        _(
            "All or nothing: if any row is rejected, nothing is saved until you fix the file "
            "or choose to import only the valid rows."
        )
    )
    if not auth.can("import"):
        st.caption(_("Importing needs an editor account; you can check a file here."))
    import_views.show_outcome()
    table, mapping = import_views.upload_and_map()
    if table is not None:
        plan = import_views.check(table, mapping)
        if plan is not None:
            import_views.run(plan)
with tab_sync:
    sync_views.sync_panel()
with tab_place:
    export_views.needs_location()
with tab_out:
    export_views.export()
with tab_backup:
    export_views.backup_and_restore()
