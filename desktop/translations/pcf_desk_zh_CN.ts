<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivitiesStep</name>
    <message>
        <location filename="../steps/activities.py" line="177"/>
        <source>3  Activity data</source>
        <translation>3  活动数据</translation>
    </message>
    <message>
        <location filename="../steps/activities.py" line="179"/>
        <source>List what goes into the product, per piece or per year, e.g. 10 kg pig iron per piece or 1,250,000 kWh of electricity per year; &quot;Find a factor ...&quot; picks each row&apos;s emission factor.</source>
        <translation>列出产品的各项投入（按每件或按核算期总量），例如每件 10 kg 生铁，或全年用电 1,250,000 kWh；用“查找因子……”为每一行选择排放因子。</translation>
    </message>
    <message>
        <location filename="../steps/activities.py" line="183"/>
        <source>Add row</source>
        <translation>添加行</translation>
    </message>
    <message>
        <location filename="../steps/activities.py" line="184"/>
        <source>Delete rows</source>
        <translation>删除行</translation>
    </message>
    <message>
        <location filename="../steps/activities.py" line="185"/>
        <source>Duplicate rows</source>
        <translation>复制行</translation>
    </message>
    <message>
        <location filename="../steps/activities.py" line="186"/>
        <source>Paste from Excel</source>
        <translation>从 Excel 粘贴</translation>
    </message>
    <message>
        <location filename="../steps/activities.py" line="187"/>
        <source>Find a factor ...</source>
        <translation>查找因子……</translation>
    </message>
    <message>
        <location filename="../steps/activities.py" line="188"/>
        <source>Search the factor library for the selected row (its name and unit); choose one there and it goes into this row</source>
        <translation>按所选行的名称和单位在因子库中查找；在那里选中的因子会填入此行</translation>
    </message>
    <message>
        <location filename="../steps/activities.py" line="190"/>
        <source>Transport ...</source>
        <translation>运输……</translation>
    </message>
    <message>
        <location filename="../steps/activities.py" line="191"/>
        <source>Attach evidence ...</source>
        <translation>附加证明文件……</translation>
    </message>
    <message>
        <location filename="../steps/activities.py" line="192"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../steps/activities.py" line="193"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../steps/activities.py" line="237"/>
        <source>Attach evidence</source>
        <translation>附加证明文件</translation>
    </message>
    <message>
        <location filename="../steps/activities.py" line="238"/>
        <source>Documents (*.pdf *.jpg *.jpeg *.png *.xlsx *.docx);;All (*)</source>
        <translation>文档 (*.pdf *.jpg *.jpeg *.png *.xlsx *.docx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../steps/activities.py" line="319"/>
        <source>excluded</source>
        <translation>已排除</translation>
    </message>
</context>
<context>
    <name>ActivityModel</name>
    <message>
        <location filename="../activity_model.py" line="31"/>
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../activity_model.py" line="32"/>
        <source>Amount</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../activity_model.py" line="33"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../activity_model.py" line="34"/>
        <source>Basis</source>
        <translation>口径</translation>
    </message>
    <message>
        <location filename="../activity_model.py" line="35"/>
        <source>Emission factor</source>
        <translation>排放因子</translation>
    </message>
    <message>
        <location filename="../activity_model.py" line="36"/>
        <source>Distance (km)</source>
        <translation>运输距离 (km)</translation>
    </message>
    <message>
        <location filename="../activity_model.py" line="37"/>
        <source>Data type</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <location filename="../activity_model.py" line="38"/>
        <source>Data source</source>
        <translation>数据来源</translation>
    </message>
    <message>
        <location filename="../activity_model.py" line="39"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../activity_model.py" line="40"/>
        <source>kg CO2e per declared unit</source>
        <translation>每声明单位 kg CO2e</translation>
    </message>
    <message>
        <location filename="../activity_model.py" line="41"/>
        <source>Evidence</source>
        <translation>证明文件</translation>
    </message>
    <message>
        <location filename="../activity_model.py" line="108"/>
        <source>(to be entered)</source>
        <translation>（待填写）</translation>
    </message>
    <message>
        <location filename="../activity_model.py" line="198"/>
        <location filename="../activity_model.py" line="222"/>
        <source>New activity</source>
        <translation>新活动</translation>
    </message>
    <message>
        <location filename="../activity_model.py" line="214"/>
        <source>Edit {0}</source>
        <translation>编辑{0}</translation>
    </message>
    <message>
        <location filename="../activity_model.py" line="224"/>
        <source>Add activity</source>
        <translation>添加活动</translation>
    </message>
    <message>
        <location filename="../activity_model.py" line="236"/>
        <source>Attach {0}</source>
        <translation>附加 {0}</translation>
    </message>
    <message>
        <location filename="../activity_model.py" line="242"/>
        <source>Add transport</source>
        <translation>添加运输</translation>
    </message>
    <message>
        <location filename="../activity_model.py" line="251"/>
        <source>Delete activities</source>
        <translation>删除活动</translation>
    </message>
    <message>
        <location filename="../activity_model.py" line="258"/>
        <source>Duplicate activities</source>
        <translation>复制活动</translation>
    </message>
    <message>
        <location filename="../activity_model.py" line="265"/>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
</context>
<context>
    <name>BoundaryStep</name>
    <message>
        <location filename="../steps/boundary.py" line="24"/>
        <source>2  System boundary</source>
        <translation>2  系统边界</translation>
    </message>
    <message>
        <location filename="../steps/boundary.py" line="26"/>
        <source>Choose which life-cycle stages the study covers (cradle to gate is usual for a label); a stage left out needs a reason.</source>
        <translation>选择研究涵盖的生命周期阶段（申请碳标识通常为“从摇篮到大门”）；排除的阶段需说明理由。</translation>
    </message>
    <message>
        <location filename="../steps/boundary.py" line="33"/>
        <source>No allocation</source>
        <translation>不分配</translation>
    </message>
    <message>
        <location filename="../steps/boundary.py" line="33"/>
        <source>By mass</source>
        <translation>按质量分配</translation>
    </message>
    <message>
        <location filename="../steps/boundary.py" line="34"/>
        <source>By economic value</source>
        <translation>按经济价值分配</translation>
    </message>
    <message>
        <location filename="../steps/boundary.py" line="37"/>
        <source>e.g. inputs below 1 % of mass and energy, 5 % in total</source>
        <translation>例如：质量和能耗占比低于 1% 的输入可舍去，合计不超过 5%</translation>
    </message>
    <message>
        <location filename="../steps/boundary.py" line="38"/>
        <source>Boundary</source>
        <translation>边界类型</translation>
    </message>
    <message>
        <location filename="../steps/boundary.py" line="39"/>
        <source>Cut-off rule</source>
        <translation>取舍准则</translation>
    </message>
    <message>
        <location filename="../steps/boundary.py" line="40"/>
        <source>Allocation</source>
        <translation>分配方法</translation>
    </message>
    <message>
        <location filename="../steps/boundary.py" line="42"/>
        <source>Life cycle (click a stage to leave it out)</source>
        <translation>生命周期（点击阶段可将其排除）</translation>
    </message>
    <message>
        <location filename="../steps/boundary.py" line="52"/>
        <source>Why is it excluded?</source>
        <translation>排除理由？</translation>
    </message>
    <message>
        <location filename="../steps/boundary.py" line="97"/>
        <source>Change boundary</source>
        <translation>修改边界类型</translation>
    </message>
    <message>
        <location filename="../steps/boundary.py" line="100"/>
        <source>Change allocation</source>
        <translation>修改分配方法</translation>
    </message>
    <message>
        <location filename="../steps/boundary.py" line="105"/>
        <source>Edit cut-off rule</source>
        <translation>编辑取舍准则</translation>
    </message>
    <message>
        <location filename="../steps/boundary.py" line="116"/>
        <source>Include or exclude a stage</source>
        <translation>纳入或排除阶段</translation>
    </message>
    <message>
        <location filename="../steps/boundary.py" line="124"/>
        <source>Justify an exclusion</source>
        <translation>说明排除理由</translation>
    </message>
</context>
<context>
    <name>FactorImportDialog</name>
    <message>
        <location filename="../factor_import_dialog.py" line="30"/>
        <source>Import {0}</source>
        <translation>导入 {0}</translation>
    </message>
    <message>
        <location filename="../factor_import_dialog.py" line="35"/>
        <source>Read as</source>
        <translation>读取方式</translation>
    </message>
    <message>
        <location filename="../factor_import_dialog.py" line="35"/>
        <source>{0}; header at row {1} ({2} row(s))</source>
        <translation>{0}；表头在第 {1} 行（共 {2} 行）</translation>
    </message>
    <message>
        <location filename="../factor_import_dialog.py" line="38"/>
        <source>Dataset name</source>
        <translation>数据集名称</translation>
    </message>
    <message>
        <location filename="../factor_import_dialog.py" line="41"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../factor_import_dialog.py" line="41"/>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <location filename="../factor_import_dialog.py" line="47"/>
        <source>{0} accepted, {1} accepted with a fix, {2} rejected, {3} skipped</source>
        <translation>通过 {0} 行，修正后通过 {1} 行，拒绝 {2} 行，跳过 {3} 行</translation>
    </message>
    <message>
        <location filename="../factor_import_dialog.py" line="57"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../factor_import_dialog.py" line="58"/>
        <source>Import without the rejected rows</source>
        <translation>导入（不含被拒绝的行）</translation>
    </message>
</context>
<context>
    <name>FactorsStep</name>
    <message>
        <location filename="../steps/factors.py" line="35"/>
        <source>4  Emission factors</source>
        <translation>4  排放因子</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="37"/>
        <source>Search the factor library (电力, 天然气, 生铁, 货车 ...) and check a factor&apos;s source before you use it; import your association&apos;s or supplier&apos;s factor file here.</source>
        <translation>在因子库中搜索（电力、天然气、生铁、货车……），使用前请核对因子的来源；协会或供应商提供的因子文件也在此导入。</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="41"/>
        <source>Search factors: 电力, 钢材, diesel, a code ...</source>
        <translation>搜索因子：电力、钢材、柴油、因子编号……</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="44"/>
        <source>activity unit, e.g. kWh</source>
        <translation>活动单位，如 kWh</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="47"/>
        <source>region, e.g. 华东</source>
        <translation>地区，如 华东</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="50"/>
        <source>year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="59"/>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="59"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="59"/>
        <source>kg CO2e per unit</source>
        <translation>每单位 kg CO2e</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="60"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="60"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="60"/>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="61"/>
        <location filename="../steps/factors.py" line="80"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="74"/>
        <source>Use this factor for the activity selected in step 3</source>
        <translation>将此因子用于第 3 步中选中的活动</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="78"/>
        <source>Factor library</source>
        <translation>因子库</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="80"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="80"/>
        <source>Factors</source>
        <translation>因子数</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="81"/>
        <source>Imported</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="81"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="84"/>
        <source>Import a factor file (CSV / Excel) ...</source>
        <translation>导入因子文件（CSV / Excel）……</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="104"/>
        <source>All datasets</source>
        <translation>全部数据集</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="154"/>
        <source>Proposed for the site&apos;s province. </source>
        <translation>按生产场所所在省份推荐。</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="155"/>
        <source>{0}: {1:,.6g} kg CO2e per {2}. Source: {3}. Year {4}, region {5}; dataset {6} {7}.</source>
        <translation>{0}：每 {2} {1:,.6g} kg CO2e。来源：{3}。年份 {4}，地区 {5}；数据集 {6} {7}。</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="165"/>
        <source>Import a factor file</source>
        <translation>导入因子文件</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="166"/>
        <source>Factor files (*.csv *.txt *.xlsx *.xls)</source>
        <translation>因子文件 (*.csv *.txt *.xlsx *.xls)</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="182"/>
        <source>Reading {0}</source>
        <translation>正在读取 {0}</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="195"/>
        <source>Factor import</source>
        <translation>因子导入</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="196"/>
        <source>{0}: {1} accepted, {2} accepted with a fix, {3} skipped; dataset {4} version {5}.</source>
        <translation>{0}：通过 {1} 行，修正后通过 {2} 行，跳过 {3} 行；数据集 {4} 版本 {5}。</translation>
    </message>
    <message>
        <location filename="../steps/factors.py" line="201"/>
        <source>Importing {0}</source>
        <translation>正在导入 {0}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="68"/>
        <location filename="../main_window.py" line="158"/>
        <location filename="../main_window.py" line="176"/>
        <source>PCF Desk</source>
        <translation>PCF Desk 产品碳足迹工作台</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="84"/>
        <source>Product:</source>
        <translation>产品：</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="90"/>
        <location filename="../main_window.py" line="223"/>
        <source>Read-only: changes cannot be saved</source>
        <translation>只读：修改无法保存</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="120"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="122"/>
        <source>New project ...</source>
        <translation>新建项目……</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="123"/>
        <source>New study from a template ...</source>
        <translation>从模板新建研究…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="124"/>
        <source>Open project ...</source>
        <translation>打开项目……</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="125"/>
        <source>Open the demo project</source>
        <translation>打开示例项目</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="130"/>
        <source>Import a study workbook ...</source>
        <translation>导入核算数据采集表……</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="131"/>
        <source>Close project</source>
        <translation>关闭项目</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="132"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="133"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="134"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="140"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="141"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="150"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="151"/>
        <source>Help for this step</source>
        <translation>本步骤帮助</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="153"/>
        <source>Save an empty study workbook (template) ...</source>
        <translation>保存空白核算数据采集表（模板）……</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="154"/>
        <source>Reset the demo project</source>
        <translation>重置示例项目</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="159"/>
        <source>Start with a new project (Ctrl+N), or open the demo project to see a finished study.</source>
        <translation>请新建项目（Ctrl+N），或打开示例项目查看一份完整的研究。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="167"/>
        <source>Save an empty study workbook</source>
        <translation>保存空白核算数据采集表</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="168"/>
        <source>study_template.xlsx</source>
        <translation>核算数据采集表.xlsx</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="179"/>
        <source>Template written: {0}</source>
        <translation>模板已保存：{0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="225"/>
        <source>Saved at {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="236"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="248"/>
        <source>Emission factors</source>
        <translation>排放因子</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="249"/>
        <source>Select an activity in step 3 first, then choose its factor here.</source>
        <translation>请先在第 3 步选中一条活动，再在此选择其排放因子。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="254"/>
        <source>Choose factor {0}</source>
        <translation>选用因子 {0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="284"/>
        <location filename="../main_window.py" line="287"/>
        <location filename="../main_window.py" line="293"/>
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="287"/>
        <source>{0} does not exist.</source>
        <translation>{0} 不存在。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="297"/>
        <source>Recovered</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="298"/>
        <source>PCF Desk was not closed properly last time ({0}). Every edit made until then was saved with it; the project opens as it was.</source>
        <translation>PCF Desk 上次未正常关闭（{0}）。此前的每一次修改都已随时保存，项目将按当时的状态打开。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="301"/>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="302"/>
        <source>{0} cannot be written (read-only file or folder). It opens for reading; save a copy elsewhere to edit it.</source>
        <translation>{0} 无法写入（文件或文件夹只读）。将以只读方式打开；如需编辑，请将其复制到其他位置。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="305"/>
        <source>Upgraded</source>
        <translation>已升级</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="306"/>
        <source>The project was made by an older PCF Desk and has been upgraded; the original is kept as {0}.</source>
        <translation>该项目由旧版 PCF Desk 创建，现已升级；原文件保留为 {0}。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="323"/>
        <source>{0}

Restore the last good copy, made {1}? The damaged file is kept beside it.</source>
        <translation>{0}

是否用 {1} 的完好备份恢复？损坏的文件会保留在旁边。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="325"/>
        <source>The project is damaged</source>
        <translation>项目已损坏</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="330"/>
        <source>Cannot restore the project</source>
        <translation>无法恢复项目</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="332"/>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="333"/>
        <source>{0} was restored from its copy of {1}. The damaged file is kept as {2}.</source>
        <translation>已用 {1} 的备份恢复 {0}。损坏的文件保留为 {2}。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="352"/>
        <source>The project could not be completed</source>
        <translation>项目文件未能写入完整</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="362"/>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="385"/>
        <source>Cannot list the templates</source>
        <translation>无法列出模板</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="404"/>
        <source>Starting a study from {0}</source>
        <translation>正在从“{0}”新建研究</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="412"/>
        <source>{0} activities still need their amount: enter them in step 3 (marked until filled in).</source>
        <translation>有 {0} 条活动尚未填写数量：请在第 3 步填写（填写前会标出）。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="417"/>
        <source>The template cannot be used</source>
        <translation>无法使用该模板</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="420"/>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="440"/>
        <location filename="../main_window.py" line="470"/>
        <source>Import a study workbook</source>
        <translation>导入核算数据采集表</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="458"/>
        <source>Reading {0}</source>
        <translation>正在读取 {0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="464"/>
        <source>The workbook cannot be imported</source>
        <translation>无法导入该采集表</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="467"/>
        <source>{0}: add {1}; replace {2}; {3} activities. Import?</source>
        <translation>{0}：新增 {1}；替换 {2}；共 {3} 条活动数据。是否导入？</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="478"/>
        <source>Importing {0}</source>
        <translation>正在导入 {0}</translation>
    </message>
</context>
<context>
    <name>OrganizationStep</name>
    <message>
        <location filename="../steps/organization.py" line="36"/>
        <source>1  Organization and product</source>
        <translation>1  企业与产品</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="38"/>
        <source>Enter your company and the product the footprint is for, e.g. 铸铁阀体 DN100 declared per piece (1 pcs), 12 kg each, with last year&apos;s output (50000 pcs).</source>
        <translation>填写企业信息和要核算碳足迹的产品，例如：铸铁阀体 DN100，声明单位为每件（1 pcs），每件 12 kg，上一年产量 50000 pcs。</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="40"/>
        <source>Organization</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="51"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="52"/>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="53"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="54"/>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="55"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="56"/>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="64"/>
        <source>Production site</source>
        <translation>生产场所</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="65"/>
        <source>Province</source>
        <translation>所在省份</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="67"/>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="75"/>
        <location filename="../steps/organization.py" line="254"/>
        <source>New product</source>
        <translation>新产品</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="78"/>
        <source>Product name</source>
        <translation>产品名称</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="79"/>
        <source>Model / specification</source>
        <translation>型号 / 规格</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="80"/>
        <source>Declared unit</source>
        <translation>声明单位</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="83"/>
        <source>Mass of one declared unit in kg (a piece of 12 kg: 12). A PACT file declares per kg when the declared unit is not a mass.</source>
        <translation>一个声明单位的质量（kg），例如每件 12 kg 填 12。声明单位不是质量时，PACT 文件按每千克声明。</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="85"/>
        <source>Mass per declared unit (kg)</source>
        <translation>单位产品质量（kg）</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="90"/>
        <source>Reference period from</source>
        <translation>核算期自</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="91"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="92"/>
        <source>Output in the reference period</source>
        <translation>核算期内产量</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="94"/>
        <source>e.g. carbon-label certification and customers&apos; supply-chain requests</source>
        <translation>例如：碳标识认证、客户供应链要求</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="96"/>
        <source>e.g. national average grid factor 2024, no green power</source>
        <translation>例如：采用 2024 年全国平均电网因子，未使用绿电</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="97"/>
        <source>Goal and intended use of the study</source>
        <translation>研究目的与预期用途</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="98"/>
        <source>How electricity is treated</source>
        <translation>电力核算方法</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="118"/>
        <source>The company name as on its business licence, e.g. 苏州示范铸造有限公司</source>
        <translation>营业执照上的企业名称，例如：苏州示范铸造有限公司</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="119"/>
        <source>The 18-character unified social credit code on the business licence, e.g. 91320594MA1XK7P2H2 (its check digit is verified)</source>
        <translation>营业执照上的 18 位统一社会信用代码，例如：91320594MA1XK7P2H2（会校验其校验码）</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="121"/>
        <source>Registered or plant address, e.g. 江苏省苏州市工业园区示例路 1 号</source>
        <translation>注册地址或工厂地址，例如：江苏省苏州市工业园区示例路 1 号</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="122"/>
        <source>Who answers the certification body&apos;s questions, e.g. 张工</source>
        <translation>负责回答认证机构问题的联系人，例如：张工</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="123"/>
        <source>Phone of the contact, e.g. 0512-6688 1234 (a phone or an e-mail is needed)</source>
        <translation>联系人电话，例如：0512-6688 1234（电话和邮箱至少填一项）</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="124"/>
        <source>E-mail of the contact, e.g. zhang@example.com</source>
        <translation>联系人电子邮箱，例如：zhang@example.com</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="125"/>
        <source>The plant where the product is made, e.g. 苏州铸造厂</source>
        <translation>生产该产品的工厂，例如：苏州铸造厂</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="126"/>
        <source>The plant&apos;s province: its grid factor is proposed for electricity rows</source>
        <translation>工厂所在省份：用电活动会推荐该省的电网排放因子</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="127"/>
        <source>The product as the label will name it, e.g. 铸铁阀体 DN100</source>
        <translation>标识上使用的产品名称，例如：铸铁阀体 DN100</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="128"/>
        <source>Model or specification, e.g. DN100</source>
        <translation>型号或规格，例如：DN100</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="129"/>
        <source>What one footprint is for: 1 pcs (a piece), 1 t, 1 m2 ...</source>
        <translation>碳足迹所对应的单位：1 pcs（每件）、1 t、1 m2……</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="130"/>
        <source>First day of the data, e.g. 2025-01-01 (usually a full year)</source>
        <translation>数据的起始日期，例如：2025-01-01（通常为一整年）</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="131"/>
        <source>Last day of the data, e.g. 2025-12-31</source>
        <translation>数据的截止日期，例如：2025-12-31</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="132"/>
        <source>What the plant made of this product in that period, e.g. 50000 pcs: rows given per period are divided by it</source>
        <translation>该产品在核算期内的产量，例如：50000 pcs；按核算期总量填写的活动会除以该产量</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="134"/>
        <source>Why the study is made and for whom (the report states it), e.g. 碳标识认证申请</source>
        <translation>研究的目的和预期用途（报告中会写明），例如：碳标识认证申请</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="135"/>
        <source>Which electricity factor the study uses and why, e.g. 2024 年全国电力平均碳足迹因子，未使用绿电</source>
        <translation>研究采用的电力排放因子及理由，例如：2024 年全国电力平均碳足迹因子，未使用绿电</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="202"/>
        <source>Edit organization</source>
        <translation>编辑企业信息</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="215"/>
        <source>Edit product</source>
        <translation>编辑产品</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="225"/>
        <source>Edit study</source>
        <translation>编辑研究信息</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="231"/>
        <source>Grid factor for electricity: {0} ({1} kg CO2/kWh, {2})</source>
        <translation>电网排放因子建议：{0}（{1} kg CO2/kWh，{2} 年）</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="237"/>
        <source>Edit site</source>
        <translation>编辑生产场所</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="251"/>
        <source>Edit reference period</source>
        <translation>编辑核算期</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="255"/>
        <source>Add product</source>
        <translation>添加产品</translation>
    </message>
    <message>
        <location filename="../steps/organization.py" line="270"/>
        <source>Edit period output</source>
        <translation>编辑核算期产量</translation>
    </message>
</context>
<context>
    <name>ReportStep</name>
    <message>
        <location filename="../steps/report.py" line="30"/>
        <source>6  Report and label application</source>
        <translation>6  报告与标识申请</translation>
    </message>
    <message>
        <location filename="../steps/report.py" line="32"/>
        <source>Export the study report, the label application and the certification package; anything still missing is listed above the buttons.</source>
        <translation>导出碳足迹研究报告、标识申请书和认证材料包；尚缺的内容列在按钮上方。</translation>
    </message>
    <message>
        <location filename="../steps/report.py" line="38"/>
        <source>Allow a draft (missing fields and activities left out are listed on the first page)</source>
        <translation>允许导出草稿（缺少的字段和未计入的活动列在首页）</translation>
    </message>
    <message>
        <location filename="../steps/report.py" line="42"/>
        <source>Language of the documents:</source>
        <translation>文件语言：</translation>
    </message>
    <message>
        <location filename="../steps/report.py" line="52"/>
        <source>Certification package (.zip) ...</source>
        <translation>认证申请材料包（.zip）……</translation>
    </message>
    <message>
        <location filename="../steps/report.py" line="53"/>
        <source>Report, application form, label, PACT file, inventory, evidence, manifest with SHA-256</source>
        <translation>报告、申请书、标识、PACT 文件、清单、证明材料，附 SHA-256 清单</translation>
    </message>
    <message>
        <location filename="../steps/report.py" line="54"/>
        <source>Study report (PDF) ...</source>
        <translation>碳足迹核算报告（PDF）……</translation>
    </message>
    <message>
        <location filename="../steps/report.py" line="54"/>
        <source>GB/T 24067 / ISO 14067 clause 7</source>
        <translation>依据 GB/T 24067 / ISO 14067 第 7 章</translation>
    </message>
    <message>
        <location filename="../steps/report.py" line="55"/>
        <source>Label application form (PDF) ...</source>
        <translation>标识认证申请书（PDF）……</translation>
    </message>
    <message>
        <location filename="../steps/report.py" line="55"/>
        <source>Application for carbon-footprint label certification</source>
        <translation>产品碳足迹标识认证申请书</translation>
    </message>
    <message>
        <location filename="../steps/report.py" line="56"/>
        <source>Label (PNG, PDF, SVG) ...</source>
        <translation>碳足迹标识（PNG、PDF、SVG）……</translation>
    </message>
    <message>
        <location filename="../steps/report.py" line="56"/>
        <source>With a QR code</source>
        <translation>含二维码</translation>
    </message>
    <message>
        <location filename="../steps/report.py" line="57"/>
        <source>PACT footprint (JSON) ...</source>
        <translation>PACT 碳足迹数据（JSON）……</translation>
    </message>
    <message>
        <location filename="../steps/report.py" line="57"/>
        <source>For customers&apos; supply-chain programmes</source>
        <translation>供客户的供应链碳数据项目使用</translation>
    </message>
    <message>
        <location filename="../steps/report.py" line="58"/>
        <source>Inventory workbook (Excel) ...</source>
        <translation>清单工作簿（Excel）……</translation>
    </message>
    <message>
        <location filename="../steps/report.py" line="59"/>
        <source>Every emission as a formula an auditor can recompute</source>
        <translation>每项排放均为公式，核查人员可在 Excel 中复算</translation>
    </message>
    <message>
        <location filename="../steps/report.py" line="83"/>
        <source>The application form still lacks: {0}</source>
        <translation>申请书尚缺：{0}</translation>
    </message>
    <message>
        <location filename="../steps/report.py" line="96"/>
        <source>Folder for the label files</source>
        <translation>标识文件保存位置</translation>
    </message>
    <message>
        <location filename="../steps/report.py" line="98"/>
        <location filename="../steps/report.py" line="113"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../steps/report.py" line="113"/>
        <source>Written: {0}</source>
        <translation>已写入：{0}</translation>
    </message>
    <message>
        <location filename="../steps/report.py" line="116"/>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
</context>
<context>
    <name>ResultsStep</name>
    <message>
        <location filename="../steps/results.py" line="40"/>
        <source>5  Results</source>
        <translation>5  计算结果</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="42"/>
        <source>The footprint per declared unit, recomputed after every edit: check the largest contributors and that nothing is left out.</source>
        <translation>每声明单位的碳足迹，每次修改后自动重算：请检查主要贡献项，并确认没有遗漏的活动。</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="61"/>
        <source>Save the charts ...</source>
        <translation>保存图表……</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="64"/>
        <source>Report and label application →</source>
        <translation>报告与标识申请 →</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="77"/>
        <source>By gas (kg per declared unit)</source>
        <translation>按气体（每声明单位 kg）</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="79"/>
        <source>Flow</source>
        <translation>物质</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="79"/>
        <source>kg</source>
        <translation>kg</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="83"/>
        <source>Top contributors</source>
        <translation>主要贡献项</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="85"/>
        <source>Activity</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="85"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="85"/>
        <source>kg CO2e</source>
        <translation>kg CO2e</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="86"/>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="86"/>
        <source>kg CO2e per unit</source>
        <translation>每单位 kg CO2e</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="87"/>
        <source>Factor and source</source>
        <translation>因子及来源</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="90"/>
        <source>Warnings (double-click to open the row)</source>
        <translation>提示（双击可定位到对应行）</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="106"/>
        <source>No product</source>
        <translation>没有产品</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="109"/>
        <source>{0:,.3f} kg CO2e per {1}</source>
        <translation>{0:,.3f} kg CO2e / {1}</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="115"/>
        <source>GWP {0}; excluding biogenic: {1:,.3f}; biogenic CO2 emissions {2:,.3f} kg, removals {3:,.3f} kg; dLUC {4:,.3f} kg CO2e (reported separately)</source>
        <translation>GWP {0}；不含生物源：{1:,.3f}；生物源 CO2 排放 {2:,.3f} kg，清除 {3:,.3f} kg；直接土地利用变化 {4:,.3f} kg CO2e（单独报告）</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="141"/>
        <source>Save the charts</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="153"/>
        <source>Primary (measured) data: {0:.1%} of the footprint</source>
        <translation>实测（初级）数据占碳足迹的 {0:.1%}</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="155"/>
        <source>allocated to this product: {0:.2%}</source>
        <translation>分配给本产品的份额：{0:.2%}</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="157"/>
        <source>output in the period: {0:,.6g} × {1}</source>
        <translation>核算期产量：{0:,.6g} × {1}</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="158"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="166"/>
        <source>kg CO2e per declared unit</source>
        <translation>每声明单位 kg CO2e</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="167"/>
        <source>By life-cycle stage</source>
        <translation>按生命周期阶段</translation>
    </message>
    <message>
        <location filename="../steps/results.py" line="191"/>
        <source>Top contributors (Pareto)</source>
        <translation>主要贡献项（帕累托）</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <location filename="../start_page.py" line="22"/>
        <source>PCF Desk — product carbon footprint</source>
        <translation>PCF Desk 产品碳足迹工作台</translation>
    </message>
    <message>
        <location filename="../start_page.py" line="24"/>
        <source>A study under GB/T 24067-2024 / ISO 14067:2018, step by step.</source>
        <translation>按 GB/T 24067-2024 / ISO 14067:2018 逐步完成产品碳足迹核算。</translation>
    </message>
    <message>
        <location filename="../start_page.py" line="28"/>
        <source>New project ...</source>
        <translation>新建项目……</translation>
    </message>
    <message>
        <location filename="../start_page.py" line="29"/>
        <source>New study from a template ...</source>
        <translation>从模板新建研究…</translation>
    </message>
    <message>
        <location filename="../start_page.py" line="30"/>
        <source>Open project ...</source>
        <translation>打开项目……</translation>
    </message>
    <message>
        <location filename="../start_page.py" line="31"/>
        <source>Open the demo project</source>
        <translation>打开示例项目</translation>
    </message>
    <message>
        <location filename="../start_page.py" line="36"/>
        <source>Recent projects</source>
        <translation>最近的项目</translation>
    </message>
</context>
<context>
    <name>StepPage</name>
    <message>
        <location filename="../steps/base.py" line="56"/>
        <source>A step is marked ✔ when nothing it needs is missing; the step list&apos;s tooltip says what is.</source>
        <translation>步骤所需内容齐全时标记为 ✔；步骤列表的提示会说明还缺什么。</translation>
    </message>
    <message>
        <location filename="../steps/base.py" line="61"/>
        <source>PCF Desk</source>
        <translation>PCF Desk 产品碳足迹工作台</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <location filename="../template_dialog.py" line="19"/>
        <source>New study from a template</source>
        <translation>从模板新建研究</translation>
    </message>
    <message>
        <location filename="../template_dialog.py" line="23"/>
        <source>A sector template brings the sector&apos;s usual activities with their emission factors; you enter your plant&apos;s amounts in step 3. An amount not yet entered is marked and left out of the total (never counted as 0) until you fill it in.</source>
        <translation>行业模板带有本行业常见的活动及其排放因子；您在第 3 步填写本企业的数量。尚未填写的数量会被标出，填写前不计入总量（不会按 0 计算）。</translation>
    </message>
    <message>
        <location filename="../template_dialog.py" line="36"/>
        <source>The demo project (a worked example: aluminium profile, window and door)</source>
        <translation>示例项目（完整示例：铝合金型材、窗与门）</translation>
    </message>
    <message>
        <location filename="../template_dialog.py" line="37"/>
        <source>A complete study to look around in; your own study starts elsewhere.</source>
        <translation>一个可以随意浏览的完整研究；您自己的研究请另行新建。</translation>
    </message>
</context>
<context>
    <name>TransportDialog</name>
    <message>
        <location filename="../transport_dialog.py" line="20"/>
        <source>Transport helper</source>
        <translation>运输助手</translation>
    </message>
    <message>
        <location filename="../transport_dialog.py" line="33"/>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../transport_dialog.py" line="34"/>
        <source>Mass transported</source>
        <translation>运输货物质量</translation>
    </message>
    <message>
        <location filename="../transport_dialog.py" line="35"/>
        <source>Distance (km)</source>
        <translation>运输距离 (km)</translation>
    </message>
    <message>
        <location filename="../transport_dialog.py" line="36"/>
        <source>Mode</source>
        <translation>运输方式</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../tasks.py" line="60"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../app.py" line="59"/>
        <source>PCF Desk</source>
        <translation>PCF Desk 产品碳足迹工作台</translation>
    </message>
    <message>
        <location filename="../app.py" line="60"/>
        <source>{0} cannot be written (read-only drive or profile). PCF Desk works from a temporary folder this time: the demo and settings are not kept; save projects to a folder you can write to.</source>
        <translation>{0} 无法写入（只读磁盘或受限的用户配置）。本次 PCF Desk 使用临时文件夹运行：示例项目和设置不会保留；请把项目保存到可写入的文件夹。</translation>
    </message>
</context>
</TS>
